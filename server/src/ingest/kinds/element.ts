/**
 * Network elements named by alarms and cutovers (issue 9): element types by code or Chinese name, and
 * `type:id` references (`bsc:BSC12`, `传输环:R3`) as cutovers' `element_ids` list them.
 */
import { ELEMENT_TYPES, type ElementRef, type ElementType } from '../../domain/types.js'
import { lookup, type Vocabulary } from '../vocabulary.js'

/** An element type (site included: an alarm's `element_type` may say `site`, the default). */
export const ELEMENT_TYPE: Vocabulary<ElementType | 'site'> = {
  words: {
    site: 'site', bts: 'site', 基站: 'site', 站点: 'site',
    bsc: 'bsc', rnc: 'bsc', 基站控制器: 'bsc',
    msc: 'msc', 交换机: 'msc', 移动交换中心: 'msc',
    ring: 'ring', 传输环: 'ring', 环: 'ring', 环路: 'ring',
  },
  expected: 'one of site, bsc, msc, ring (or 基站/BSC/MSC/传输环)',
}

/** What one `element_ids` entry must look like. */
export const ELEMENT_REF_EXPECTED = `"type:id" with type one of ${ELEMENT_TYPES.join(', ')} (e.g. "bsc:BSC12")`

/** Reads one `type:id` entry (a full-width colon too); an error message when it is not one. */
export function parseElementRef(text: string): ElementRef | string {
  const m = /^([^:：]+)[:：](.+)$/.exec(text.trim())
  const type = m ? lookup(ELEMENT_TYPE, m[1]) : undefined
  if (!m || type === undefined || type === 'site') return `expected ${ELEMENT_REF_EXPECTED}, got ${JSON.stringify(text)}`
  return { type, id: m[2].trim() }
}
