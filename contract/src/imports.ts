/**
 * The import kinds as the import page (数据导入) shows them: each kind's Chinese name, the fields it reads
 * (the same list as the server's KIND_FIELDS in server/src/ingest/headers.ts — tests/contract checks
 * they agree) and each field's Chinese name. Pure data: the web app imports it, never server/src.
 */

/** The kinds POST /api/import/{kind} takes, in the order the page lists them. */
export const IMPORT_KINDS = ['sites', 'cells', 'alarms', 'cutovers', 'blind-spots', 'planned-sites', 'features', 'complaints'] as const
export type ImportKindName = (typeof IMPORT_KINDS)[number]

/** 数据类型 as the page names them. */
export const IMPORT_KIND_LABELS: Record<ImportKindName, string> = {
  sites: '基站',
  cells: '小区',
  alarms: '告警',
  cutovers: '割接',
  'blind-spots': '盲点/弱覆盖区',
  'planned-sites': '规划基站',
  features: '地物',
  complaints: '投诉',
}

/** The CONTRACT fields each kind reads (CSV/XLSX columns, GeoJSON properties); any other column is not imported. */
export const IMPORT_FIELDS: Record<ImportKindName, readonly string[]> = {
  sites: ['id', 'name', 'tech', 'type', 'bsc', 'msc', 'ring', 'lon', 'lat', 'geometry', 'wkt'],
  cells: ['id', 'site_id', 'azimuth', 'beamwidth', 'radius_m', 'tech'],
  alarms: ['id', 'site_id', 'element_type', 'element_id', 'kind', 'severity', 'raised_at', 'cleared_at'],
  cutovers: ['id', 'site_ids', 'element_ids', 'planned_start', 'planned_end', 'actual_start', 'actual_end', 'description', 'geometry', 'wkt'],
  'blind-spots': ['id', 'kind', 'description', 'reason', 'remedy', 'status', 'geometry', 'wkt'],
  'planned-sites': ['id', 'name', 'radius_m', 'period', 'status', 'lon', 'lat', 'geometry', 'wkt'],
  features: ['id', 'name', 'aliases', 'type', 'users', 'lon', 'lat', 'geometry', 'wkt'],
  complaints: ['id', 'occurred_at', 'reported_at', 'address', 'service', 'phenomenon', 'description', 'vip', 'number', 'cause', 'answer', 'lon', 'lat', 'geometry', 'wkt'],
}

/** Fields named alike in every kind that has them. */
const SHARED: Record<string, string> = {
  lon: '经度',
  lat: '纬度',
  geometry: '几何(WKT 或 GeoJSON)',
  wkt: '几何(WKT)',
  tech: '网络制式',
  radius_m: '覆盖半径(米)',
  status: '状态',
  description: '描述',
  site_id: '基站编号',
}

/** Each kind's fields in Chinese (every field of IMPORT_FIELDS has one). */
export const IMPORT_FIELD_LABELS: Record<ImportKindName, Record<string, string>> = {
  sites: { ...SHARED, id: '基站编号', name: '基站名称', type: '基站类型', bsc: '所属BSC', msc: '所属MSC', ring: '传输环' },
  cells: { ...SHARED, id: '小区编号', site_id: '所属基站编号', azimuth: '方位角', beamwidth: '水平波瓣宽度' },
  alarms: {
    ...SHARED, id: '告警流水号', element_type: '网元类型', element_id: '网元标识', kind: '告警名称', severity: '告警级别',
    raised_at: '发生时间', cleared_at: '清除时间',
  },
  cutovers: {
    ...SHARED, id: '割接编号', site_ids: '涉及基站', element_ids: '涉及网元', planned_start: '计划开始', planned_end: '计划结束',
    actual_start: '实际开始', actual_end: '实际结束', description: '割接内容', geometry: '割接范围(WKT 或 GeoJSON)',
  },
  'blind-spots': { ...SHARED, id: '编号', kind: '类型(盲点/弱覆盖)', reason: '原因', remedy: '解决方式', geometry: '范围(WKT 或 GeoJSON)' },
  'planned-sites': { ...SHARED, id: '规划站编号', name: '规划站名', period: '建设期' },
  features: { ...SHARED, id: '地物编号', name: '名称', aliases: '别名', type: '地物类型', users: '用户数' },
  complaints: {
    ...SHARED, id: '投诉编号', occurred_at: '发生时间', reported_at: '投诉时间', address: '投诉地址', service: '业务类型',
    phenomenon: '投诉现象', description: '投诉内容', vip: '是否VIP', number: '联系电话', cause: '最终原因', answer: '答复口径',
  },
}

/** The coordinate systems a file may be in (the import's `crs=`), as the page offers them. */
export const IMPORT_CRS_LABELS = { wgs84: 'WGS-84(GPS)', gcj02: 'GCJ-02 火星坐标', bd09: 'BD-09 百度坐标' } as const
