// A small agent screen: search a place, diagnose, read the script, record. Every server text is inserted
// with textContent, never as HTML.
const $ = (id) => document.getElementById(id)
const CAUSES = {
  known_issue: '同类投诉已知原因', cutover: '工程维护/割接', site_fault: '基站故障告警', mass_outage: '突发性大面积投诉(疑似隐性故障)',
  blind_spot: '盲点', weak_coverage: '弱覆盖', planned_site: '已纳入建设规划', unknown: '原因待查(需实测)',
}
const DISPOSITIONS = { self: '自行处理', dispatch: '派至专业中心/分公司', field_test: '派至分公司实测' }
let last = null

function li(text, onClick) {
  const el = document.createElement('li')
  el.textContent = text
  if (onClick) { el.tabIndex = 0; el.addEventListener('click', onClick); el.addEventListener('keydown', (e) => e.key === 'Enter' && onClick()) }
  return el
}

async function api(path, body) {
  const res = await fetch(path, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {})
  const json = await res.json()
  if (!res.ok) throw new Error(json.message || res.statusText)
  return json
}

function localIso(value) {
  // datetime-local has no offset: the agent means China time
  return value.length === 16 ? `${value}:00+08:00` : `${value}+08:00`
}

$('search-form').addEventListener('submit', async (e) => {
  e.preventDefault()
  $('error').textContent = ''
  try {
    const hits = await api(`/api/search?q=${encodeURIComponent($('q').value)}&limit=10`)
    $('hits').replaceChildren(...hits.map((h) => li(`${h.name}(${h.type})`, () => {
      $('lon').value = h.lon.toFixed(6); $('lat').value = h.lat.toFixed(6); $('address').value = h.name
    })))
    if (!hits.length) $('hits').replaceChildren(li('未找到匹配的地物'))
  } catch (err) { $('error').textContent = err.message }
})

$('diag-form').addEventListener('submit', async (e) => {
  e.preventDefault()
  $('error').textContent = ''
  try {
    last = {
      lon: Number($('lon').value), lat: Number($('lat').value), occurredAt: localIso($('occurredAt').value),
      service: $('service').value, phenomenon: $('phenomenon').value, address: $('address').value || undefined,
    }
    const d = await api('/api/diagnose', last)
    $('cause').textContent = d.cause.label
    $('disposition').textContent = DISPOSITIONS[d.disposition]
    $('specialty').textContent = d.specialty
    $('answer').textContent = d.answer
    $('evidence').replaceChildren(...d.evidence.map((ev) => li(`${ev.why}(${Math.round(ev.distance_m)} 米)`)))
    $('candidates').replaceChildren(...d.candidates.slice(1).map((c) => li(`${c.cause.label}:${c.rankReason}`)))
    $('final-cause').replaceChildren(...Object.entries(CAUSES).map(([code, label]) => {
      const o = document.createElement('option'); o.value = code; o.textContent = label; o.selected = code === d.cause.code; return o
    }))
    $('recorded').textContent = ''
    $('result').hidden = false
  } catch (err) { $('error').textContent = err.message }
})

$('copy').addEventListener('click', () => navigator.clipboard?.writeText($('answer').textContent))

$('record-form').addEventListener('submit', async (e) => {
  e.preventDefault()
  try {
    const c = await api('/api/complaints', { ...last, number: $('number').value || undefined, cause: $('final-cause').value, answer: $('answer').textContent })
    $('recorded').textContent = `已记录:${c.id}`
  } catch (err) { $('error').textContent = err.message }
})

const now = new Date(Date.now() + 8 * 3600_000 - 2 * 3600_000)
$('occurredAt').value = now.toISOString().slice(0, 16)
