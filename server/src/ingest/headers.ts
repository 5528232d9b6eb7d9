/**
 * The column names operators' files use, per import kind: the CONTRACT field each stands for. This is
 * the one table of header aliases (README "Importing data" lists it). An alias is used only when the
 * file has no column of the CONTRACT name itself and no explicit rename (`columns=`) claims it; when a
 * file has several aliases of one field, the first one listed here wins and the others are not used.
 *
 * Headers are compared after normalising: trimmed, lower case, full-width letters and brackets folded,
 * and a unit or note in brackets dropped ("覆盖半径(米)", "方位角（度）", "经度[WGS84]" → 覆盖半径, 方位角, 经度).
 */
import type { ImportKind } from '../domain/types.js'
import { IMPORT_FIELDS } from '../../../contract/src/imports.js'

/** Field → aliases, in order of preference. */
export type HeaderTable = Readonly<Record<string, readonly string[]>>

/** Positions of point kinds in CSV and XLSX: every kind with lon/lat columns shares these. */
const POSITION: HeaderTable = {
  lon: ['lng', 'longitude', '经度', '站点经度', '基站经度'],
  lat: ['latitude', '纬度', '站点纬度', '基站纬度'],
  geometry: ['wkt', 'geom', 'shape', '几何', '范围', '边界'],
}

/**
 * The CONTRACT fields each kind reads (CSV columns, GeoJSON properties); any other column is not used.
 * One list for the importer and the import page's field choices: the contract's.
 */
export const KIND_FIELDS: Readonly<Record<ImportKind, readonly string[]>> = IMPORT_FIELDS

/** The header table of each kind (CONTRACT names are accepted as they are and are not listed). */
export const HEADERS: Readonly<Record<ImportKind, HeaderTable>> = {
  sites: {
    id: ['site_id', '基站编号', '基站id', '基站代码', '站号', '站点编号', 'enodeb id', 'enodebid', 'gnodeb id', 'bts id'],
    name: ['site_name', '基站名称', '站名', '站点名称', '基站名'],
    tech: ['网络制式', '制式', '网络类型', '系统'],
    type: ['基站类型', '站型', '站点类型', '覆盖类型'],
    bsc: ['所属bsc', '所属rnc', 'bsc名称', 'rnc', '所属控制器'],
    msc: ['所属msc', 'msc名称', '所属交换机'],
    ring: ['传输环', '所属传输环', '传输环路', '环路'],
    ...POSITION,
  },
  cells: {
    id: ['cell_id', '小区编号', '小区id', '小区标识', 'ci', 'eci', 'nci', 'cgi', 'ecgi'],
    site_id: ['基站编号', '所属基站', '基站id', '站号', '所属基站编号'],
    azimuth: ['方位角', '天线方位角'],
    tilt: ['下倾角', '总下倾角', '电下倾', '机械下倾'],
    beamwidth: ['水平波瓣宽度', '波瓣宽度', '水平波束宽度', '水平半功率角'],
    radius_m: ['radius', '覆盖半径', '小区半径', '覆盖距离'],
    tech: ['网络制式', '制式', '网络类型'],
  },
  alarms: {
    id: ['alarm_id', '告警流水号', '告警id', '告警编号', '流水号'],
    site_id: ['基站编号', '基站id', '网元编号', '网元id', '站号', '网元名称', '告警对象'],
    element_type: ['网元类型', '对象类型'],
    element_id: ['网元标识'],
    kind: ['告警名称', '告警标题', '告警类型', '告警内容'],
    severity: ['告警级别', '级别', '告警等级'],
    raised_at: ['发生时间', '告警发生时间', '告警时间', '产生时间', '首次发生时间'],
    cleared_at: ['清除时间', '恢复时间', '告警清除时间', '告警恢复时间'],
  },
  cutovers: {
    id: ['cutover_id', '割接编号', '割接id', '工单号', '割接单号', '方案编号'],
    site_ids: ['涉及基站', '影响基站', '基站列表', '割接基站', '涉及站点'],
    element_ids: ['涉及网元', '影响网元'],
    planned_start: ['计划开始', '计划开始时间', '割接开始时间', '开始时间'],
    planned_end: ['计划结束', '计划结束时间', '割接结束时间', '结束时间'],
    actual_start: ['实际开始', '实际开始时间'],
    actual_end: ['实际结束', '实际结束时间'],
    description: ['割接内容', '割接说明', '描述', '说明', '割接名称'],
    geometry: POSITION.geometry,
  },
  'blind-spots': {
    id: ['编号', '盲点编号', '问题编号'],
    kind: ['类型', '问题类型', '覆盖类型'],
    description: ['描述', '位置描述', '名称', '区域名称'],
    reason: ['原因', '问题原因'],
    remedy: ['解决方式', '解决方案', '解决措施'],
    status: ['状态', '进度', '处理状态'],
    geometry: POSITION.geometry,
  },
  'planned-sites': {
    id: ['规划站编号', '规划编号', '编号', '站号'],
    name: ['规划站名', '规划站名称', '站名', '名称', '基站名称'],
    radius_m: ['radius', '覆盖半径', '规划覆盖半径'],
    period: ['建设期', '计划建设期', '建设时间', '计划完成时间', '建设年份'],
    status: ['状态', '建设状态', '进度'],
    ...POSITION,
  },
  features: {
    id: ['编号', '地物编号'],
    name: ['名称', '地物名称', '地名'],
    aliases: ['别名', '俗称'],
    users: ['用户数', '人口'],
    type: ['类型', '地物类型'],
    ...POSITION,
  },
  complaints: {
    id: ['投诉编号', '工单号', '工单编号', '投诉单号', '流水号'],
    occurred_at: ['发生时间', '故障时间', '问题发生时间'],
    reported_at: ['投诉时间', '受理时间', '来电时间'],
    address: ['投诉地址', '地址', '故障地址', '问题地点'],
    service: ['业务类型', '业务', '投诉业务'],
    phenomenon: ['投诉现象', '故障现象', '现象', '问题现象'],
    description: ['投诉内容', '问题描述', '描述', '详细描述'],
    vip: ['vip', '客户级别', '用户级别', '是否vip'],
    number: ['联系电话', '用户号码', '投诉号码', '手机号', '号码', '主叫号码'],
    cause: ['最终原因', '处理结果', '投诉原因', '原因'],
    answer: ['答复口径', '答复内容', '答复'],
    ...POSITION,
  },
}

/**
 * A header as compared: trimmed, lower case, full-width ASCII folded to half-width, and a trailing unit
 * or note in brackets dropped, so "覆盖半径(米)" and "ＢＳＣ" find their aliases.
 */
export function normaliseHeader(name: string): string {
  const half = name.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')
  const bare = half.trim().replace(/\s*[([【][^)\]】]*[)\]】]\s*$/, '').trim()
  return (bare === '' ? half.trim() : bare).toLowerCase()
}

/** How one source column was mapped, for a dry run's answer and the import page. */
export interface ColumnMapping {
  /** The column as the file names it. */
  source: string
  /** The CONTRACT field it fills; null when nothing reads it. */
  field: string | null
  /** contract: already the CONTRACT name; renamed: by `columns=`; alias: by the header table; unused: not read. */
  how: 'contract' | 'renamed' | 'alias' | 'unused'
}
