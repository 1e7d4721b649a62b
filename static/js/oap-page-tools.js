// Page tools, all progressive enhancement (every page works without them):
// - "Print this page" and "Copy link" buttons (components/share_controls.html)
// - the printed date in the print footer is the day of printing
// - on phones, list filters collapse behind a "Filter (n selected)" button
//   that opens them in place (components/results_layout markup in the list pages)

const PHONE = window.matchMedia('(max-width: 40.0525em)'); // GOV.UK's "until tablet" breakpoint

function initShare(container) {
  const status = container.querySelector('[data-share-status]');
  const url = container.dataset.shareUrl;
  container.querySelector('[data-share-action="print"]').addEventListener('click', () => window.print());
  container.querySelector('[data-share-action="copy"]').addEventListener('click', async () => {
    status.textContent = '';
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = 'Link copied. You can paste it into an email or message.';
    } catch {
      status.textContent = `Your browser did not let us copy the link. The address is ${url}`;
    }
  });
  container.hidden = false;
}

function setPrintDate() {
  const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  document.querySelectorAll('[data-print-date]').forEach((element) => {
    element.textContent = today;
  });
}

function initFilterToggle(layout) {
  const button = layout.querySelector('[data-filter-toggle]');
  const panel = layout.querySelector('[data-filter-panel]');
  const home = layout.querySelector('[data-filter-home]');
  const filters = home && home.firstElementChild;
  if (!button || !panel || !filters) return;

  const place = () => {
    if (PHONE.matches) {
      panel.append(filters);
      button.hidden = false;
      panel.hidden = button.getAttribute('aria-expanded') !== 'true';
      layout.classList.add('oap-results-layout--collapsible');
    } else {
      home.append(filters);
      button.hidden = true;
      panel.hidden = true;
      layout.classList.remove('oap-results-layout--collapsible');
    }
  };
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    panel.hidden = !open;
  });
  PHONE.addEventListener('change', place);
  place();
}

document.querySelectorAll('[data-module="oap-share"]').forEach(initShare);
document.querySelectorAll('[data-module="oap-results-layout"]').forEach(initFilterToggle);
window.addEventListener('beforeprint', setPrintDate);
setPrintDate();
