// Documents kept on this device (a self-evaluation, a plan, a provision map): the one canonical form the server
// writes too (oap_directory/device_documents.py: keys sorted, 2-space indent, trailing newline, UTF-8), the
// browser's local storage (never a cookie, never sent anywhere), and downloading a document as a file.

const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f]/g // eslint-disable-line no-control-regex

export function sortKeys (value) {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    const sorted = {}
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key])
    return sorted
  }
  return value
}

export function canonical (document) {
  return JSON.stringify(sortKeys(document), null, 2) + '\n'
}

export function cleanText (value, limit) {
  return Array.from(value.replace(CONTROL, '').trim()).slice(0, limit).join('')
}

// Local storage can be full or turned off: then these do nothing and the page still works with files.
export function load (key) {
  try {
    return window.localStorage.getItem(key)
  } catch (error) {
    return null
  }
}

export function store (key, text) {
  try {
    window.localStorage.setItem(key, text)
    return true
  } catch (error) {
    return false
  }
}

export function forget (key) {
  try {
    window.localStorage.removeItem(key)
  } catch (error) {}
}

export function download (text, filename, type = 'application/json') {
  const blob = new Blob([text], { type })
  const link = window.document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = filename
  window.document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(link.href), 1000)
}

export async function digest (text) {
  if (!window.crypto || !window.crypto.subtle) return null
  const hash = await window.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(hash), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

// A page shows the document as it was posted (`posted` is the server's digest of it), which can be older than the
// copy this browser keeps: the page was reloaded, or reached with the back button, after more typing.
async function isOlderThanStored (posted, text, stored) {
  if (!posted || !stored || stored === text) return false
  const storedDigest = await digest(stored)
  return storedDigest !== null && storedDigest !== posted
}

function offerLaterCopy (form, stored, noun) {
  const later = window.document.createElement('form')
  later.method = 'post'
  later.action = form.action
  later.className = 'govuk-inset-text oap-no-print'
  const text = window.document.createElement('p')
  text.className = 'govuk-body'
  text.textContent = `This browser has a later copy of this ${noun} than this page shows.`
  const field = window.document.createElement('input')
  field.type = 'hidden'
  field.name = 'document'
  field.value = stored
  const button = window.document.createElement('button')
  button.type = 'submit'
  button.className = 'govuk-button govuk-button--secondary'
  button.textContent = 'Open the later copy'
  later.append(text, field, button)
  form.before(later)
}

// Keeps the document a form carries (its hidden `input`, in canonical form) in local storage as the user types,
// so that nothing typed is lost if the tab closes: `fold(document, field)` puts a changed field's value into the
// document, keeping what it had when the value does not fit (the server then says why). `keyOf(document)` names
// the copy kept. A page older than the kept copy never overwrites it: the later copy is offered instead. A
// document the server has just started (nothing posted, nothing kept) is kept at once only with `keepNew`, else
// once something is typed. `status` (optional) says whether it was kept; `onSave(text)` runs after each save.
export async function keepAsTyped (form, { input, status, posted, noun, keyOf, fold, keepNew = false, onSave }) {
  let document
  try {
    document = JSON.parse(input.value)
  } catch (error) {
    return
  }
  const say = (words) => {
    if (status) status.textContent = words
  }
  const save = () => {
    const text = canonical(document)
    input.value = text
    const kept = store(keyOf(document), text)
    say(kept ? 'Saved in this browser.' : `This browser could not keep a copy: download the ${noun} to keep it.`)
    if (onSave) onSave(text)
  }
  const stored = load(keyOf(document))
  if (await isOlderThanStored(posted, input.value, stored)) {
    offerLaterCopy(form, stored, noun)
    say(`Not saved yet: this browser has a later copy of this ${noun}.`)
  } else if (keepNew || posted || stored) {
    save()
  }
  const changed = (event) => {
    fold(document, event.target)
    save()
  }
  form.addEventListener('input', changed)
  form.addEventListener('change', changed)
}

// The start page of a tool that keeps one document on this device: a hidden panel (a form posting the copy kept
// under `key`, with a button to remove it) shown when there is one. `field` and `remove` select its hidden
// document field and its remove button.
export function offerToContinue (panel, key, field, remove) {
  const saved = load(key)
  if (!saved) return
  panel.querySelector(field).value = saved
  panel.hidden = false
  panel.querySelector(remove).addEventListener('click', () => {
    forget(key)
    panel.hidden = true
  })
}
