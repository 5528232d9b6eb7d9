/**
 * Live updates: /api/events says when an import was committed; the map reloads its layers in place
 * (same view, same open site). EventSource reconnects by itself; if the stream cannot be had at all
 * (a proxy that buffers it), the map falls back to polling.
 */
import { debounce } from './dom.js'

/** Polling interval when server-sent events are unavailable. */
const POLL_MS = 60_000
/** Several imports in a burst (alarms, then cutovers) make one refresh. */
const SETTLE_MS = 300

export function live(onChange: (kinds: string[]) => void): void {
  let kinds = new Set<string>()
  const flush = debounce(() => {
    const k = [...kinds]
    kinds = new Set()
    onChange(k)
  }, SETTLE_MS)
  if (typeof EventSource === 'undefined') {
    setInterval(() => onChange([]), POLL_MS)
    return
  }
  const es = new EventSource('/api/events')
  let opened = false
  es.addEventListener('open', () => (opened = true))
  es.addEventListener('import', (e) => {
    try {
      kinds.add(String((JSON.parse((e as MessageEvent).data) as { kind: string }).kind))
    } catch {
      kinds.add('')
    }
    flush()
  })
  es.addEventListener('error', () => {
    if (!opened && es.readyState === EventSource.CLOSED) setInterval(() => onChange([]), POLL_MS)
  })
}
