/**
 * The rasteriser: anti-aliased polygon fill and stroked polylines over an RGB buffer, plain loops
 * over typed arrays with no allocation per pixel or per segment.
 *
 * Fill: signed-area accumulation (the font-rs method): each edge adds its exact coverage delta to
 * an accumulation row, a running sum per row gives each pixel's winding coverage. Exact AA, cost
 * proportional to the edges' length, and one composite pass per layer however many polygons.
 * Stroke: each segment is a capsule; pixels near it get coverage from their distance to the
 * segment and are max-combined, which gives round caps and joins and a clean union of overlaps.
 * Tiles are opaque, so the buffer is RGB and blending needs no destination alpha.
 */

/** An opaque RGB raster with the scratch buffers one layer pass needs. */
export class Raster {
  /** RGB bytes, row-major, 3 per pixel. */
  readonly rgb: Uint8Array
  /** Fill accumulation: stride w + 2 (an edge at x = w writes one column past the tile). */
  private readonly acc: Float32Array
  /** Stroke coverage, 0..1. */
  private readonly cov: Float32Array
  private accY0 = Infinity
  private accY1 = -Infinity
  private accX0 = Infinity
  private accX1 = -Infinity
  private covX0 = Infinity
  private covX1 = -Infinity
  private covY0 = Infinity
  private covY1 = -Infinity

  constructor(readonly w: number, readonly h: number) {
    this.rgb = new Uint8Array(w * h * 3)
    this.acc = new Float32Array((w + 2) * h)
    this.cov = new Float32Array(w * h)
  }

  /** Paints every pixel one colour. */
  clear(r: number, g: number, b: number): void {
    const p = this.rgb
    for (let i = 0; i < p.length; i += 3) { p[i] = r; p[i + 1] = g; p[i + 2] = b }
  }

  /** Adds one polygon edge (pixel coordinates, any direction) to the fill accumulation. */
  fillEdge(x0: number, y0: number, x1: number, y1: number): void {
    if (y0 === y1) return
    const w = this.w
    if ((y0 < 0 && y1 < 0) || (y0 >= this.h && y1 >= this.h)) return
    // Parts left or right of the tile still change the winding of the pixels beside them: clamp
    // them onto the border (a vertical edge there), splitting where the edge crosses it.
    const out0 = x0 < 0 || x0 > w
    const out1 = x1 < 0 || x1 > w
    if (!out0 && !out1) return this.line(x0, y0, x1, y1)
    if (x0 < 0 && x1 < 0) return this.line(0, y0, 0, y1)
    if (x0 > w && x1 > w) return this.line(w, y0, w, y1)
    // Crossing one or both borders: split at each crossing, clamp each piece.
    let ta = 0
    let tb = 1
    const dx = x1 - x0
    const t0 = dx !== 0 ? (0 - x0) / dx : -1
    const tw = dx !== 0 ? (w - x0) / dx : -1
    const lo = Math.min(t0, tw), hi = Math.max(t0, tw)
    const dy = y1 - y0
    let px = x0, py = y0
    for (const t of [lo, hi, 1]) {
      if (t <= ta || t > tb) continue
      const nx = t === 1 ? x1 : x0 + dx * t
      const ny = t === 1 ? y1 : y0 + dy * t
      const cx0 = px < 0 ? 0 : px > w ? w : px
      const cx1 = nx < 0 ? 0 : nx > w ? w : nx
      // The midpoint decides which side the piece is on (both ends may sit on the border).
      const mx = (px + nx) / 2
      const mclamp = mx < 0 ? 0 : mx > w ? w : mx
      if (mclamp !== mx) this.line(mclamp, py, mclamp, ny)
      else this.line(cx0, py, cx1, ny)
      px = nx; py = ny; ta = t
    }
  }

  /** font-rs accumulation of a line with 0 ≤ x ≤ w. */
  private line(x0: number, y0: number, x1: number, y1: number): void {
    if (y0 === y1) return
    let dir = 1
    if (y0 > y1) { dir = -1; let t = x0; x0 = x1; x1 = t; t = y0; y0 = y1; y1 = t }
    const dxdy = (x1 - x0) / (y1 - y0)
    let x = x0
    if (y0 < 0) x -= y0 * dxdy
    const a = this.acc
    const stride = this.w + 2
    const yStart = y0 < 0 ? 0 : Math.floor(y0)
    const yEnd = Math.min(this.h, Math.ceil(y1))
    if (yStart >= yEnd) return
    if (yStart < this.accY0) this.accY0 = yStart
    if (yEnd - 1 > this.accY1) this.accY1 = yEnd - 1
    // Columns touched: floor of the leftmost x to one past the ceiling of the rightmost.
    const xl = Math.floor(Math.min(x0, x1)), xr = Math.ceil(Math.max(x0, x1)) + 1
    if (xl < this.accX0) this.accX0 = xl
    if (xr > this.accX1) this.accX1 = xr
    for (let y = yStart; y < yEnd; y++) {
      const row = y * stride
      const dy = Math.min(y + 1, y1) - Math.max(y, y0)
      const xnext = x + dxdy * dy
      const d = dy * dir
      const xa = x < xnext ? x : xnext
      const xb = x < xnext ? xnext : x
      const xaf = Math.floor(xa)
      const xai = xaf | 0
      const xbc = Math.ceil(xb)
      const xbi = xbc | 0
      if (xbi <= xai + 1) {
        const xmf = 0.5 * (x + xnext) - xaf
        a[row + xai] += d - d * xmf
        a[row + xai + 1] += d * xmf
      } else {
        const s = 1 / (xb - xa)
        const x0f = xa - xaf
        const a0 = 0.5 * s * (1 - x0f) * (1 - x0f)
        const x1f = xb - xbc + 1
        const am = 0.5 * s * x1f * x1f
        a[row + xai] += d * a0
        if (xbi === xai + 2) {
          a[row + xai + 1] += d * (1 - a0 - am)
        } else {
          const a1 = s * (1.5 - x0f)
          a[row + xai + 1] += d * (a1 - a0)
          const ds = d * s
          for (let xi = xai + 2; xi < xbi - 1; xi++) a[row + xi] += ds
          const a2 = a1 + (xbi - xai - 3) * s
          a[row + xbi - 1] += d * (1 - a2 - am)
        }
        a[row + xbi] += d * am
      }
      x = xnext
    }
  }

  /** Paints the accumulated fill in one colour (nonzero winding, coverage clamped to 1) and resets it. */
  compositeFill(r: number, g: number, b: number, opacity = 1): void {
    if (this.accY0 > this.accY1) return
    const a = this.acc, p = this.rgb, w = this.w, stride = w + 2
    // Left of the touched columns every sum is 0; right of them it stays at the row's final value
    // (non-zero where a polygon runs off the tile's right edge), so only the touched span is summed.
    const xa = Math.max(0, this.accX0), xb = Math.min(w + 1, this.accX1)
    for (let y = this.accY0; y <= this.accY1; y++) {
      let sum = 0
      const row = y * stride
      const base = y * w * 3
      for (let x = xa; x <= xb; x++) {
        sum += a[row + x]
        a[row + x] = 0
        if (x >= w) continue
        let c = sum < 0 ? -sum : sum
        if (c < 0.002) continue
        if (c > 1) c = 1
        c *= opacity
        const o = base + 3 * x
        p[o] += (r - p[o]) * c + 0.5
        p[o + 1] += (g - p[o + 1]) * c + 0.5
        p[o + 2] += (b - p[o + 2]) * c + 0.5
      }
      let c = sum < 0 ? -sum : sum
      if (c < 0.002 || xb >= w - 1) continue
      if (c > 1) c = 1
      c *= opacity
      for (let o = base + 3 * (xb + 1); o < base + 3 * w; o += 3) {
        p[o] += (r - p[o]) * c + 0.5
        p[o + 1] += (g - p[o + 1]) * c + 0.5
        p[o + 2] += (b - p[o + 2]) * c + 0.5
      }
    }
    this.accY0 = this.accX0 = Infinity
    this.accY1 = this.accX1 = -Infinity
  }

  /** Adds a round-capped segment of the given width (pixels) to the stroke coverage. */
  strokeSegment(ax: number, ay: number, bx: number, by: number, width: number): void {
    // Hairlines keep a 1 px footprint and fade with their width, as in Mapnik/AGG.
    const fade = width < 1 ? width : 1
    const hw = width < 1 ? 0.5 : width / 2
    const R = hw + 0.5
    const w = this.w, h = this.h
    const yLo = Math.max(0, Math.floor(Math.min(ay, by) - R))
    const yHi = Math.min(h - 1, Math.ceil(Math.max(ay, by) + R))
    if (yLo > yHi) return
    if (Math.max(ax, bx) + R < 0 || Math.min(ax, bx) - R > w) return
    const dx = bx - ax, dy = by - ay
    const len = Math.sqrt(dx * dx + dy * dy)
    const ux = len > 1e-9 ? dx / len : 1
    const uy = len > 1e-9 ? dy / len : 0
    const cov = this.cov
    let touchedX0 = w, touchedX1 = -1
    for (let y = yLo; y <= yHi; y++) {
      const py = y + 0.5 - ay
      // Row span where the pixel centre is within R of the infinite line…
      let lo = -Infinity, hi = Infinity
      if (uy > 1e-9 || uy < -1e-9) {
        const c = ax + (py * ux) / uy, e = R / (uy < 0 ? -uy : uy)
        lo = c - e; hi = c + e
      } else if (py > R || py < -R) continue
      // …and whose projection falls within [-R, len + R] along the segment.
      if (ux > 1e-9 || ux < -1e-9) {
        const p0 = ax + (-R - py * uy) / ux, p1 = ax + (len + R - py * uy) / ux
        const l2 = p0 < p1 ? p0 : p1, h2 = p0 < p1 ? p1 : p0
        if (l2 > lo) lo = l2
        if (h2 < hi) hi = h2
      } else {
        const t = py * uy
        if (t < -R || t > len + R) continue
      }
      let x0 = Math.ceil(lo - 0.5), x1 = Math.floor(hi - 0.5)
      if (x0 < 0) x0 = 0
      if (x1 > w - 1) x1 = w - 1
      if (x0 > x1) continue
      if (x0 < touchedX0) touchedX0 = x0
      if (x1 > touchedX1) touchedX1 = x1
      const row = y * w
      for (let x = x0; x <= x1; x++) {
        const qx = x + 0.5 - ax
        let t = qx * ux + py * uy
        if (t < 0) t = 0
        else if (t > len) t = len
        const ex = qx - t * ux, ey = py - t * uy
        let c = R - Math.sqrt(ex * ex + ey * ey)
        if (c <= 0) continue
        if (c > 1) c = 1
        c *= fade
        if (c > cov[row + x]) cov[row + x] = c
      }
    }
    if (touchedX1 < 0) return
    if (touchedX0 < this.covX0) this.covX0 = touchedX0
    if (touchedX1 > this.covX1) this.covX1 = touchedX1
    if (yLo < this.covY0) this.covY0 = yLo
    if (yHi > this.covY1) this.covY1 = yHi
  }

  /** Paints the accumulated stroke coverage in one colour and resets it. */
  compositeStroke(r: number, g: number, b: number, opacity = 1): void {
    if (this.covX0 > this.covX1) return
    const cov = this.cov, p = this.rgb, w = this.w
    for (let y = this.covY0; y <= this.covY1; y++) {
      const row = y * w
      for (let x = this.covX0; x <= this.covX1; x++) {
        let c = cov[row + x]
        if (c === 0) continue
        cov[row + x] = 0
        c *= opacity
        const o = (row + x) * 3
        p[o] += (r - p[o]) * c + 0.5
        p[o + 1] += (g - p[o + 1]) * c + 0.5
        p[o + 2] += (b - p[o + 2]) * c + 0.5
      }
    }
    this.covX0 = this.covY0 = Infinity
    this.covX1 = this.covY1 = -Infinity
  }

  /** Paints an 8-bit alpha mask (e.g. a glyph) with its top-left corner at (x0, y0), clipped to the raster. */
  blendMask(mask: Uint8Array, mw: number, mh: number, x0: number, y0: number, r: number, g: number, b: number): void {
    const w = this.w, h = this.h, p = this.rgb
    const ya = Math.max(0, -y0), yb = Math.min(mh, h - y0)
    const xa = Math.max(0, -x0), xb = Math.min(mw, w - x0)
    for (let my = ya; my < yb; my++) {
      const mrow = my * mw
      let o = ((y0 + my) * w + x0 + xa) * 3
      for (let mx = xa; mx < xb; mx++, o += 3) {
        const m = mask[mrow + mx]
        if (m === 0) continue
        const c = m / 255
        p[o] += (r - p[o]) * c + 0.5
        p[o + 1] += (g - p[o + 1]) * c + 0.5
        p[o + 2] += (b - p[o + 2]) * c + 0.5
      }
    }
  }
}
