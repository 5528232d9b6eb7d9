/**
 * The best score of every name a query touched, in a typed array indexed by name id (no allocation
 * per candidate), and the selection of the top hits per entry without sorting every candidate.
 */
import { compareRanked, type Ranked } from './scores.js'

/** A ranked hit on a name; `owner` is the entry the name belongs to. */
export interface NameHit<O> extends Ranked {
  owner: O
  nameId: number
}

/** Per-query scratch of best scores by name id; reused across queries, cleared by `top`. */
export class BestHits {
  private score = new Float64Array(1024)
  private touched: number[] = []

  /** Makes room for name ids below `n`. */
  reserve(n: number): void {
    if (this.score.length < n) {
      const grown = new Float64Array(Math.max(n, this.score.length * 2))
      grown.set(this.score)
      this.score = grown
    }
  }

  /** Records a score for a name if it beats what the name has; scores ≤ 0 are no match. */
  offer(nameId: number, s: number): void {
    if (s <= 0) return
    const cur = this.score[nameId]
    if (cur === 0) this.touched.push(nameId)
    if (s > cur) this.score[nameId] = s
  }

  /** How many touched names, among those `counts` accepts, already score above `score`. */
  countAbove(score: number, counts: (nameId: number) => boolean): number {
    let n = 0
    for (const id of this.touched) if (this.score[id] > score && counts(id)) n++
    return n
  }

  /**
   * The `limit` best entries in rank order (each entry once, by its best name), then clears the
   * scratch. `rank` describes a name's entry for the tie-breaks.
   */
  top<O>(limit: number, rank: (nameId: number, score: number) => NameHit<O>): NameHit<O>[] {
    const top: NameHit<O>[] = []
    for (const id of this.touched) {
      const s = this.score[id]
      this.score[id] = 0
      if (top.length === limit && s < top[limit - 1].score) continue
      const r = rank(id, s)
      const same = top.findIndex((t) => t.owner === r.owner)
      if (same >= 0) {
        if (compareRanked(r, top[same]) >= 0) continue
        top.splice(same, 1)
      } else if (top.length === limit && compareRanked(r, top[limit - 1]) >= 0) continue
      let i = top.length
      while (i > 0 && compareRanked(r, top[i - 1]) < 0) i--
      top.splice(i, 0, r)
      if (top.length > limit) top.pop()
    }
    this.touched = []
    return top
  }
}
