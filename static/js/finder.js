// The needs finder, enhanced: as boxes are ticked, the suggestions beside them update and a short summary is
// announced politely to screen readers. Without JavaScript the same form shows them on the next page.
//
// The suggestions come from the finder itself (?part=results): the same server-rendered, escaped HTML as the
// results page. Those requests are not counted in the monthly tallies.

const form = document.querySelector('[data-finder-form]')
const region = document.querySelector('[data-finder-live]')
const status = document.querySelector('[data-finder-status]')

if (form && region && status) {
  let pending = null

  const update = async () => {
    const params = new URLSearchParams(new FormData(form))
    params.set('step', 'results')
    params.set('part', 'results')
    if (pending) pending.abort()
    pending = new AbortController()
    try {
      const response = await fetch(`${form.action}?${params}`, { signal: pending.signal })
      if (!response.ok) return
      region.innerHTML = await response.text()
      const summary = region.querySelector('[data-finder-summary]')
      status.textContent = summary ? summary.textContent.trim() : ''
    } catch (error) {
      if (error.name !== 'AbortError') status.textContent = 'The suggestions could not be updated: use “Show suggestions”.'
    }
  }

  form.addEventListener('change', (event) => {
    if (event.target.name === 'seen' || event.target.name === 'phase') update()
  })
  if (form.querySelector('input[name="seen"]:checked')) update()
}
