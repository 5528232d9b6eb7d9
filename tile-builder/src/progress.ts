/**
 * A progress bar on stderr: tiles done / total, rate and ETA. On a terminal it redraws one line;
 * otherwise (CI logs, pipes) it prints a line every few seconds instead of flooding the log.
 */

/** Formats seconds as 1h02m03s / 2m03s / 3.0s. */
export function formatDuration(s: number): string {
  if (!Number.isFinite(s)) return '?'
  if (s < 60) return `${s.toFixed(1)}s`
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = Math.floor(s % 60)
  return h ? `${h}h${String(m).padStart(2, '0')}m${String(sec).padStart(2, '0')}s` : `${m}m${String(sec).padStart(2, '0')}s`
}

/** Formats bytes as B / KiB / MiB. */
export const formatBytes = (b: number): string =>
  b < 1024 ? `${b} B` : b < 1024 ** 2 ? `${(b / 1024).toFixed(1)} KiB` : `${(b / 1024 ** 2).toFixed(1)} MiB`

/** One progress line: `[#####-----]  120/328 tiles  37%  210 tiles/s  ETA 1.0s`. */
export function progressLine(done: number, total: number, elapsedS: number, width = 30): string {
  const f = total ? done / total : 1
  const filled = Math.round(f * width)
  const rate = elapsedS > 0 ? done / elapsedS : 0
  const eta = rate > 0 ? (total - done) / rate : Infinity
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(done).padStart(String(total).length)}/${total} tiles ${String(Math.floor(f * 100)).padStart(3)}%  ${rate.toFixed(0)} tiles/s  ETA ${done === total ? '0s' : formatDuration(eta)}`
}

/** A bar bound to a stream; `update` is cheap enough to call per tile. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update: (done: number, total: number) => void; end: () => void } {
  const start = performance.now()
  let last = 0
  const tty = stream.isTTY
  return {
    update(done, total) {
      const now = performance.now()
      // Redraw at most 10×/s on a terminal, every 5 s in a log, and always at the end.
      if (done !== total && now - last < (tty ? 100 : 5000)) return
      last = now
      const line = progressLine(done, total, (now - start) / 1000)
      stream.write(tty ? `\r${line}` : `${line}\n`)
    },
    end() {
      if (tty) stream.write('\n')
    },
  }
}
