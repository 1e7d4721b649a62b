// The school's provision map in the browser. The map is kept in this browser's local storage as the school types,
// so nothing is lost if the tab closes, and the start page offers to continue it or remove it from this device.
// Nothing is sent anywhere until a button is pressed. Every page works without this script.
//
// Each field is folded into the map as planning/provision_map.py (apply_lines) does on the server: "line-2-weeks"
// is the second line's weeks, "cap-teaching-assistant" the school's weekly hours for that role. A value that does
// not fit keeps what the map had (the server says why when the map is updated).

import { cleanText, keepAsTyped, offerToContinue } from './device-documents.js'

const STORAGE_KEY = 'oap-provision-map'
const LINE_FIELD = /^line-(\d+)-([a-z_]+)$/
const NAME_LIMIT = 200
const TEXT_LIMIT = 150
// Each number on a line: [lowest, highest, decimal places kept (null: whole numbers only)]
const NUMBERS = {
  groups: [1, 50, null],
  group_size: [1, 60, null],
  pupils: [0, 3000, null],
  minutes_per_session: [1, 600, null],
  sessions_per_week: [0.1, 50, 1],
  weeks: [0.5, 52, 1],
  resource_cost_per_pupil: [0, 99999.99, 2]
}
// The weekly hours a school gives a role
const CAP = [0, 100, 1]
const DECIMAL = /^(\d*)(?:\.(\d*))?$/

// `whole` and `fraction` digits rounded to `places` decimal places, half to even as the server's decimals round.
function rounded (whole, fraction, places) {
  const kept = fraction.slice(0, places).padEnd(places, '0')
  const rest = fraction.slice(places).replace(/0+$/, '')
  let digits = BigInt((whole || '0') + kept)
  if (rest && (rest[0] > '5' || (rest[0] === '5' && (rest.length > 1 || digits % 2n === 1n)))) digits += 1n
  const text = digits.toString().padStart(places + 1, '0')
  return places ? `${text.slice(0, -places)}.${text.slice(-places)}` : text
}

// The typed number as the map keeps it, or undefined when it does not fit `[lowest, highest, places]`.
function number ([low, high, places], value) {
  const match = DECIMAL.exec(value.trim())
  if (!match || !(match[1] || match[2])) return undefined
  const [whole, fraction] = [match[1], match[2] || '']
  const amount = Number(`${whole || '0'}.${fraction || '0'}`)
  if (amount < low || amount > high) return undefined
  if (places === null) return /^0*$/.test(fraction) ? Number(whole) : undefined
  const text = rounded(whole, fraction, places)
  return places === 2 ? text : text.replace(/\.0$/, '')
}

function foldLine (map, roles, index, key, value) {
  const line = map.lines[index]
  if (!line) return
  if (key === 'name') {
    const name = cleanText(value, NAME_LIMIT)
    if (name) line.name = name
  } else if (key === 'area' || key === 'level') {
    line[key] = cleanText(value, TEXT_LIMIT)
  } else if (key === 'role') {
    if (value !== line.role.slug && roles[value]) line.role = roles[value]
  } else if (key in NUMBERS) {
    const kept = number(NUMBERS[key], value.trim().replace(/^£/, ''))
    if (kept !== undefined) line[key] = kept
  }
}

function foldCap (map, roles, slug, value) {
  if (!(slug in map.role_caps) && !(slug in roles)) return
  if (!value.trim()) {
    delete map.role_caps[slug]
    return
  }
  const hours = number(CAP, value)
  if (hours !== undefined) map.role_caps[slug] = hours
}

function folder (form) {
  let roles = {}
  try {
    roles = JSON.parse(form.dataset.provisionMapRoles || '{}')
  } catch (error) {}
  return (map, field) => {
    const name = field.name || ''
    const line = LINE_FIELD.exec(name)
    if (line) foldLine(map, roles, Number(line[1]) - 1, line[2], field.value)
    else if (name.startsWith('cap-')) foldCap(map, roles, name.slice(4), field.value)
  }
}

for (const form of window.document.querySelectorAll('[data-provision-map-form]')) {
  keepAsTyped(form, {
    input: form.querySelector('[data-provision-map-document]'),
    status: form.querySelector('[data-provision-map-status]'),
    posted: form.dataset.provisionMapPosted,
    noun: 'provision map',
    keyOf: () => STORAGE_KEY,
    fold: folder(form),
    keepNew: true
  })
}
for (const panel of window.document.querySelectorAll('[data-provision-map-resume]')) {
  offerToContinue(panel, STORAGE_KEY, '[data-provision-map-document]', '[data-provision-map-forget]')
}
