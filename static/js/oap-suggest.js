// Search suggestions as you type, for search boxes with data-suggest-url.
//
// Progressive enhancement: without JavaScript the box is a plain search field
// and nothing is lost. With it, alphagov's accessible-autocomplete (a combobox
// tested with screen readers) replaces the field, keeping its id and name, and
// offers matching titles from /search/suggest/. Choosing a suggestion opens
// it; pressing Enter without choosing one searches for what was typed.

function escapeHtml(text) {
  const div = document.createElement('div');
  div.textContent = text;
  return div.innerHTML;
}

function enhance(input) {
  const url = input.dataset.suggestUrl;
  let latestQuery = '';
  const container = document.createElement('div');
  container.className = 'oap-search__input';
  input.replaceWith(container);

  window.accessibleAutocomplete({
    element: container,
    id: input.id,
    name: input.name,
    defaultValue: input.value,
    minLength: 2,
    autoselect: false,
    confirmOnBlur: false,
    displayMenu: 'overlay',
    inputClasses: 'govuk-input',
    source(query, populate) {
      // Answers can arrive out of order: only the one for what is in the box now may fill the menu
      // (a late answer for "visu" would otherwise replace the one for "visual" and lose the highlight).
      latestQuery = query;
      const populateIfLatest = (suggestions) => {
        if (query === latestQuery) {
          populate(suggestions);
        }
      };
      fetch(`${url}?q=${encodeURIComponent(query)}`, { headers: { Accept: 'application/json' } })
        .then((response) => (response.ok ? response.json() : { suggestions: [] }))
        .then((data) => populateIfLatest(data.suggestions))
        .catch(() => populateIfLatest([]));
    },
    templates: {
      inputValue: (suggestion) => (suggestion ? suggestion.title : ''),
      suggestion: (suggestion) =>
        suggestion && typeof suggestion === 'object'
          ? `${escapeHtml(suggestion.title)} <span class="oap-suggestion__type">${escapeHtml(suggestion.type)}</span>`
          : escapeHtml(String(suggestion || '')),
    },
    onConfirm(suggestion) {
      if (suggestion && suggestion.url) {
        window.location.assign(suggestion.url);
      }
    },
  });

  // With the menu open the combobox keeps Enter for itself; when no suggestion
  // is highlighted, Enter should search for what was typed, as it does without JavaScript.
  container.addEventListener(
    'keydown',
    (event) => {
      const form = container.closest('form');
      if (event.key === 'Enter' && form && !container.querySelector('.autocomplete__option--focused')) {
        event.preventDefault();
        event.stopPropagation();
        form.requestSubmit();
      }
    },
    true,
  );
}

if (window.accessibleAutocomplete) {
  document.querySelectorAll('input[data-suggest-url]').forEach(enhance);
}
