/** Chinese labels shown to agents: the domain's own (from the contract, shared with the server) plus the map's. */
import { CAUSE_CODES, CAUSE_LABELS, ELEMENT_LABELS, PHENOMENA, SPECIALTIES, STATE_ORDER } from '../../contract/src/domain.js'
import type { CauseCode, Disposition, ElementType, SiteState, Specialty } from '../../contract/src/domain.js'

export { CAUSE_CODES, CAUSE_LABELS, PHENOMENA, SPECIALTIES }
/** Network elements above the site (the tree's MSC / BSC and the transmission rings): "BSC BSC12". */
export { ELEMENT_LABELS }
/** Site states, worst first: a cluster shows the first state any of its sites has (the server's order). */
export { STATE_ORDER }
export type { CauseCode, Disposition, ElementType, SiteState, Specialty }

export const DISPOSITIONS: Record<Disposition, string> = { self: '自行处理', dispatch: '派至专业中心/分公司', field_test: '派至分公司实测' }

export const STATE_LABELS: Record<SiteState, string> = {
  alarm: '告警中', cutover: '割接中', recent_alarm: '24小时内告警(黄灯闪烁)', normal: '正常',
}

/** Alarm severities as an NMS shows them in Chinese (the import takes the English codes of CONTRACT.md). */
export const SEVERITY_LABELS: Record<string, string> = { critical: '紧急', major: '重要', minor: '次要', warning: '提示' }

export const SERVICES = { voice: '语音', data: '数据' } as const

export const COVERAGE_KINDS: Record<string, string> = { blind: '盲点', weak: '弱覆盖' }
export const CUTOVER_STATES: Record<string, string> = { planned: '计划中', running: '进行中', done: '已完成' }
export const EVIDENCE_TYPES: Record<string, string> = {
  alarm: '告警', cutover: '割接', site: '基站', blind_spot: '盲点/弱覆盖', planned_site: '规划基站', complaint: '同类投诉',
}

/** Import kinds, for the "updated" notice. */
export const KIND_LABELS: Record<string, string> = {
  sites: '基站', cells: '小区', alarms: '告警', cutovers: '割接', 'blind-spots': '盲点/弱覆盖', 'planned-sites': '规划基站', features: '地物', complaints: '投诉',
}
