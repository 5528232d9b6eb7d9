/**
 * 弱覆盖: the point lies in a known weak-coverage area; its reason and remedy (优化工程, 室分建设 …) make
 * the answer. Optimisation is 无线网优's work, but the agent can still answer now (self).
 */
import type { Rule } from '../context.js'
import { coverageCandidates } from './blind-spot.js'

/** One candidate per weak-coverage area containing the point, if weak coverage can cause the phenomenon. */
export const weakCoverageRule: Rule = (ctx) => coverageCandidates(ctx, 'weak')
