/**
 * The reference checks of an import: cells, alarms and cutovers must name sites (and BSC/MSC/rings)
 * the network knows. Each problem names the row of the source file it came from, so an operator can
 * find it (sheet and Excel row for XLSX).
 */
import type { Alarm, Cutover, ImportKind } from '../domain/types.js'
import type { RowProblem } from '../errors.js'
import type { NetworkIndex } from '../index/network-index.js'
import type { ImportResult, RowPlace } from '../ingest/index.js'

/** Rows that name a site or element the network does not have (import the sites first). */
export function referenceProblems<K extends ImportKind>(index: NetworkIndex, parsed: ImportResult<K>): RowProblem[] {
  const problems: RowProblem[] = []
  const known = (id: string) => index.site(id) !== undefined
  parsed.rows.forEach((row, i) => {
    const element = parsed.kind === 'alarms' ? (row as Alarm).element : null
    if (element) {
      // An alarm on a BSC/MSC/ring: some site must hang on that element.
      if (!index.hasElement(element.type, element.id)) problems.push({ ...rowPlace(parsed, i), field: 'element_id', message: `no site names ${element.type} "${element.id}" in its ${element.type} field (import the sites first)` })
    } else if (parsed.kind === 'cells' || parsed.kind === 'alarms') {
      const siteId = (row as { siteId: string }).siteId
      if (!known(siteId)) problems.push({ ...rowPlace(parsed, i), field: 'site_id', message: `no site with id "${siteId}" (import the sites first)` })
    } else if (parsed.kind === 'cutovers') {
      const missing = (row as { siteIds: string[] }).siteIds.filter((id) => !known(id))
      if (missing.length) problems.push({ ...rowPlace(parsed, i), field: 'site_ids', message: `no site with id ${missing.map((m) => `"${m}"`).join(', ')} (import the sites first)` })
      const unknown = ((row as Cutover).elements ?? []).filter((e) => !index.hasElement(e.type, e.id))
      if (unknown.length) problems.push({ ...rowPlace(parsed, i), field: 'element_ids', message: `no site names ${unknown.map((e) => `${e.type} "${e.id}"`).join(', ')} (import the sites first)` })
    }
  })
  return problems
}

/** The place of the i-th parsed row in its file (data row; sheet and Excel row for XLSX). */
export function rowPlace(parsed: ImportResult<ImportKind>, i: number): RowPlace {
  return parsed.at[i]
}
