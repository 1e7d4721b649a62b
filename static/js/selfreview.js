// The self-evaluation in the browser: the document each page carries is kept in this browser's local storage
// and updated as the school leader types, so nothing is lost if the tab closes; the start page offers to
// continue it. Downloads are written in the same canonical form as the server's (device-documents.js). Every page
// works without this script.

import { canonical, cleanText, download as downloadFile, keepAsTyped, offerToContinue } from './device-documents.js'

const STORAGE_KEY = 'oap-self-evaluation'
const TEXT_LIMIT = { rationale: 2000, evidence: 2000, description: 2000, success_criteria: 2000, owner_role: 100, due_term: 40 }

function applyRating (document, form, key) {
  const checked = form.querySelector(`input[name="rating-${key}"]:checked`)
  const rationale = form.querySelector(`[name="rationale-${key}"]`)
  const evidence = form.querySelector(`[name="evidence-${key}"]`)
  const rating = {
    level: checked ? checked.value : '',
    rationale: rationale ? cleanText(rationale.value, TEXT_LIMIT.rationale) : '',
    evidence: evidence ? cleanText(evidence.value, TEXT_LIMIT.evidence) : ''
  }
  if (rating.level || rating.rationale || rating.evidence) {
    document.ratings[key] = rating
  } else {
    delete document.ratings[key]
  }
}

function applyAction (document, field) {
  const match = /^action-(\d+)-(description|owner_role|due_term|success_criteria|status)$/.exec(field.name)
  const action = match && document.actions[Number(match[1])]
  if (!action) return
  action[match[2]] = match[2] === 'status' ? field.value : cleanText(field.value, TEXT_LIMIT[match[2]])
}

function apply (document, form, field) {
  const rating = /^(rating|rationale|evidence)-([0-9a-f-]{36})$/.exec(field.name || '')
  if (rating) {
    applyRating(document, form, rating[2])
  } else if ((field.name || '').startsWith('action-')) {
    applyAction(document, field)
  }
}

function download (document) {
  downloadFile(canonical(document), `self-evaluation-${document.framework.slug}-v${document.framework.version}.json`)
}

function enhanceForm (form) {
  const input = form.querySelector('[data-selfreview-document]')
  keepAsTyped(form, {
    input,
    posted: form.dataset.selfreviewPosted,
    noun: 'self-evaluation',
    keyOf: () => STORAGE_KEY,
    fold: (document, field) => apply(document, form, field),
    keepNew: true,
    onSave: (text) => {
      for (const other of window.document.querySelectorAll('[data-selfreview-document]')) other.value = text
    }
  })
  const button = form.querySelector('[data-selfreview-download]')
  if (button) {
    button.addEventListener('click', (event) => {
      let document
      try {
        document = JSON.parse(input.value)
      } catch (error) {
        return // the server's download, then
      }
      event.preventDefault()
      download(document)
    })
  }
}

for (const form of window.document.querySelectorAll('[data-selfreview-form]')) enhanceForm(form)
for (const panel of window.document.querySelectorAll('[data-selfreview-resume]')) {
  offerToContinue(panel, STORAGE_KEY, '[data-selfreview-document]', '[data-selfreview-forget]')
}
