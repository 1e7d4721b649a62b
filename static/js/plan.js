// The plan builder in the browser. Each plan is kept in this browser's local storage under its own id, updated
// as the teacher types, so nothing is lost if the tab closes; the start page lists the plans kept here by the
// teacher's own reference, to open or remove. Nothing is sent anywhere until the teacher presses a button.
// Every page works without this script (templates/planning/).
//
// Fields are named after the place they fill in the plan ("doc.assess.strengths", "doc.plan.outcomes.0.measure"):
// this script folds each one into the plan as planning/fields.py does on the server, keeping what it had when a
// value does not fit (the server then says why).

import { cleanText, forget, keepAsTyped, load } from './device-documents.js'

const PREFIX = 'oap-plan:'
const LIMITS = { reference: 60, baseline: 200, target: 200, when: 200 }
const WHOLE = { group_size: [1, 100], minutes_per_session: [1, 600] }
const AMOUNT = /^\d{1,3}(\.\d{1,2})?$/
const MONEY = /^\d{1,7}(\.\d{1,2})?$/
const UK_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATES = new Set(['review_date', 'start_date', 'end_date', 'meeting_date'])

function placeOf (plan, path) {
  const parts = path.split('.')
  let holder = plan
  for (const part of parts.slice(0, -1)) {
    holder = holder == null ? undefined : holder[part]
  }
  const key = parts[parts.length - 1]
  return holder && typeof holder === 'object' && key in holder ? [holder, key] : [null, null]
}

// 21/3/2027 (or 2027-03-21) as 2027-03-21; undefined when it is not a real date.
function isoDate (value) {
  if (value === '') return ''
  const uk = UK_DATE.exec(value)
  const iso = ISO_DATE.exec(value)
  const [year, month, day] = uk ? [uk[3], uk[2], uk[1]] : iso ? [iso[1], iso[2], iso[3]] : []
  if (!year) return undefined
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return undefined
  return date.toISOString().slice(0, 10)
}

function converted (key, value) {
  value = cleanText(value, 5000)
  if (key in WHOLE) {
    const [low, high] = WHOLE[key]
    return /^\d+$/.test(value) && Number(value) >= low && Number(value) <= high ? Number(value) : undefined
  }
  if (key === 'sessions_per_week' || key === 'weeks') {
    return AMOUNT.test(value) && Number(value) > 0 ? String(Number(value)) : undefined
  }
  if (key === 'resource_cost_per_pupil') {
    value = value.replace(/^£/, '')
    return MONEY.test(value) ? Number(value).toFixed(2) : undefined
  }
  if (DATES.has(key)) return isoDate(value)
  return Array.from(value).slice(0, LIMITS[key] || 2000).join('')
}

function apply (plan, field) {
  if (!field.name || !field.name.startsWith('doc.')) return
  if (field.type === 'radio' && !field.checked) return
  const [holder, key] = placeOf(plan, field.name.slice(4))
  if (!holder) return
  const value = converted(key, field.value)
  if (value !== undefined) holder[key] = value
}

function enhanceForm (form) {
  keepAsTyped(form, {
    input: form.querySelector('[data-plan-document]'),
    status: form.querySelector('[data-plan-status]'),
    posted: form.dataset.planPosted,
    noun: 'plan',
    keyOf: (plan) => PREFIX + plan.id,
    fold: apply
  })
}

function storedPlans () {
  const plans = []
  for (let index = 0; index < window.localStorage.length; index++) {
    const key = window.localStorage.key(index)
    if (!key || !key.startsWith(PREFIX)) continue
    try {
      plans.push({ key, text: load(key), plan: JSON.parse(load(key)) })
    } catch (error) {}
  }
  return plans.sort((a, b) => (a.plan.reference || '').localeCompare(b.plan.reference || ''))
}

function storedItem (entry, action, panel) {
  const item = window.document.createElement('li')
  const form = window.document.createElement('form')
  form.method = 'post'
  form.action = action
  form.className = 'govuk-button-group'
  const name = entry.plan.reference || `Plan started on ${entry.plan.created_on}`
  const label = window.document.createElement('span')
  label.className = 'govuk-body govuk-!-font-weight-bold govuk-!-margin-right-3'
  label.textContent = name
  const documentField = window.document.createElement('input')
  documentField.type = 'hidden'
  documentField.name = 'document'
  documentField.value = entry.text
  const open = window.document.createElement('button')
  open.type = 'submit'
  open.className = 'govuk-button govuk-button--secondary'
  open.innerHTML = 'Open<span class="govuk-visually-hidden"></span>'
  open.querySelector('span').textContent = ` ${name}`
  const remove = window.document.createElement('button')
  remove.type = 'button'
  remove.className = 'govuk-button govuk-button--warning'
  remove.innerHTML = 'Remove from this device<span class="govuk-visually-hidden"></span>'
  remove.querySelector('span').textContent = ` (${name})`
  remove.addEventListener('click', () => {
    forget(entry.key)
    item.remove()
    panel.querySelector('[data-plan-stored-status]').textContent = `Removed “${name}” from this device.`
    if (!storedPlans().length) panel.querySelector('[data-plan-forget-all]').hidden = true
  })
  form.append(label, documentField, open, remove)
  item.append(form)
  return item
}

function enhanceStart (panel) {
  let plans
  try {
    plans = storedPlans()
  } catch (error) {
    return
  }
  if (!plans.length) return
  const list = panel.querySelector('[data-plan-stored-list]')
  const action = panel.closest('main').querySelector('form[method="post"]').action
  for (const entry of plans) list.append(storedItem(entry, action, panel))
  panel.hidden = false
  const all = panel.querySelector('[data-plan-forget-all]')
  all.addEventListener('click', () => {
    for (const entry of storedPlans()) forget(entry.key)
    list.replaceChildren()
    all.hidden = true
    panel.querySelector('[data-plan-stored-status]').textContent = 'All plans were removed from this device.'
  })
}

for (const form of window.document.querySelectorAll('[data-plan-form]')) enhanceForm(form)
for (const panel of window.document.querySelectorAll('[data-plan-stored]')) enhanceStart(panel)
