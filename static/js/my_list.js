// My list: a shortlist of strategies, interventions and resources kept in this browser's local storage, as their
// uuids only (never a cookie; the server sees the list only in the address of the list page). Every page works
// without this script: "Add to my list" is then a link to the list page, which keeps the list in its address.
//
// - "Add to my list" links (templates/my_list/_add_button.html) become buttons that add or remove the item and
//   announce the change in their aria-live status line.
// - The "My list" menu link shows how many items the list has.
// - The list page (templates/my_list/my_list.html): opened without a list, it shows the stored one; a page marked
//   as "mine" (its links carry mine=1) stores what it shows, so removing and reordering are kept; a list someone
//   shared offers "Keep this list".

const KEY = 'oap-my-list';
const MAX_ITEMS = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function read () {
  try {
    const items = JSON.parse(window.localStorage.getItem(KEY) || '[]');
    return Array.isArray(items) ? items.filter((id) => typeof id === 'string' && UUID.test(id)).slice(0, MAX_ITEMS) : [];
  } catch {
    return [];
  }
}

function write (items) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(items.slice(0, MAX_ITEMS)));
  } catch {
    // Storage is full or switched off: the list still works through the page's address.
  }
  showCount(items);
}

function showCount (items) {
  for (const count of document.querySelectorAll('[data-my-list-count]')) {
    count.textContent = items.length ? ` (${items.length})` : '';
  }
}

function listAddress (items, mine) {
  const link = document.querySelector('[data-my-list-link]');
  const params = new URLSearchParams({ items: items.join(',') });
  if (mine) params.set('mine', '1');
  return `${link ? link.getAttribute('href') : '/my-list/'}?${params}`;
}

function itemsWord (count) {
  return count === 1 ? '1 item' : `${count} items`;
}

function enhanceAddLink (link) {
  const id = link.dataset.myListAdd.toLowerCase();
  const title = link.querySelector('.govuk-visually-hidden');
  const status = link.parentElement.querySelector('[data-my-list-status]');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = link.className;
  const label = document.createElement('span');
  button.append(label);
  if (title) button.append(title.cloneNode(true));
  const show = () => {
    const isOnList = read().includes(id);
    label.textContent = isOnList ? 'Remove from my list' : 'Add to my list';
    button.setAttribute('aria-pressed', isOnList ? 'true' : 'false');
  };
  button.addEventListener('click', () => {
    const items = read();
    if (items.includes(id)) {
      const left = items.filter((item) => item !== id);
      write(left);
      status.textContent = `Removed from your list. Your list has ${itemsWord(left.length)}.`;
    } else if (items.length >= MAX_ITEMS) {
      status.textContent = `Your list already has ${MAX_ITEMS} items, the most it can hold. Remove one first.`;
    } else {
      items.push(id);
      write(items);
      status.textContent = `Added to your list. Your list has ${itemsWord(items.length)}.`;
    }
    show();
  });
  show();
  link.replaceWith(button);
}

function enhanceListPage (page) {
  const shown = page.dataset.items ? page.dataset.items.split(',') : [];
  const stored = read();
  const hasList = new URLSearchParams(window.location.search).has('items');
  if (!hasList && stored.length) {
    window.location.replace(listAddress(stored, true));
    return;
  }
  if (page.hasAttribute('data-mine')) {
    write(shown);
    return;
  }
  const keep = page.querySelector('[data-my-list-keep]');
  if (keep && shown.length && shown.join(',') !== stored.join(',')) {
    keep.hidden = false;
    keep.querySelector('[data-my-list-keep-button]').addEventListener('click', () => {
      write(shown);
      window.location.replace(listAddress(shown, true));
    });
  }
}

showCount(read());
document.querySelectorAll('[data-my-list-add]').forEach(enhanceAddLink);
const listPage = document.querySelector('[data-my-list-page]');
if (listPage) enhanceListPage(listPage);
