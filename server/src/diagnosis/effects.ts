/**
 * Which network objects can produce which phenomena (篇3 §2.2 step 2: "对其可能引发的问题与投诉描述的
 * 问题进行匹配"). A weight of 1 means "typically causes", 0.5 "can cause", absent "cannot cause" — an
 * absent pair is never evidence, however close the object.
 *
 * | object / alarm kind                   | 无信号 | 信号弱 | 无法接通 | 掉话 | 无法上网 | 网速慢 | who fixes it     |
 * |---------------------------------------|:-----:|:-----:|:-------:|:---:|:-------:|:-----:|------------------|
 * | 断站/退服/停站 (site down)              |   1   |   1   |    1    |  1  |    1    |   1   | 无线-基站及配套    |
 * | 传输中断 (backhaul down)               |   1   |   1   |    1    |  1  |    1    |   1   | 无线-基站及配套    |
 * | 电源/停电 (power: site goes down)      |   1   |   1   |    1    |  1  |    1    |   1   | 无线-基站及配套    |
 * | 硬件/板卡 (a board: some cells down)   |  0.5  |   1   |    1    |  1  |    1    |   1   | 无线-基站及配套    |
 * | 驻波/天馈 (antenna feeder)             |   –   |   1   |   0.5   |  1  |   0.5   |   1   | 无线-基站及配套    |
 * | 干扰 (interference)                   |   –   |   1   |    1    |  1  |    –    |   1   | 无线网优          |
 * | 时钟/同步/GPS                          |   –   |   –   |    1    |  1  |   0.5   |  0.5  | 无线-基站及配套    |
 * | 拥塞/负荷 (congestion)                 |   –   |   –   |    1    | 0.5 |   0.5   |   1   | 无线网优          |
 * | 动环 (door, temperature, fan, battery, |   –   |   –   |    –    |  –  |    –    |   –   | 无线-基站及配套    |
 * |   smoke, water, air-conditioning)      |       |       |         |     |         |       |                  |
 * | any other alarm kind                  |  0.5  |  0.5  |   0.5   | 0.5 |   0.5   |  0.5  | 无线-基站及配套    |
 * | cutover 割接 (site or area)           |   1   |   1   |    1    |  1  |    1    |   1   | 无线-基站及配套    |
 * | blind spot 盲点                        |   1   |   1   |    1    | 0.5 |    1    |   –   | 无线网优          |
 * | weak coverage 弱覆盖                   |  0.5  |   1   |    1    |  1  |   0.5   |   1   | 无线网优          |
 * | planned site 规划基站 (a coverage gap)  |   1   |   1   |    1    | 0.5 |   0.5   |  0.5  | 无线网优          |
 *
 * An alarm's kind is matched by keyword (the feed writes "基站断站", "小区退服告警", "传输中断" …);
 * the first row whose keyword occurs in the kind wins. The alarm rows are ALARM_EFFECTS below; the
 * rows of the other objects (cutover, blind spot, weak coverage, planned site) are each rule module's
 * `effects.object`, in its file under rules/.
 */
import type { Phenomenon, Severity, Specialty } from '../domain/types.js'

/** Phenomenon → weight in (0, 1]; absent = cannot cause it. */
export type Effects = Partial<Record<Phenomenon, number>>

/** Every phenomenon, fully: what a site going down (or a cutover taking it down) can cause. */
export const EVERY_PHENOMENON: Effects = { no_signal: 1, weak_signal: 1, cannot_connect: 1, call_drop: 1, no_data: 1, slow_data: 1 }
const ANY_HALF: Effects = {
  no_signal: 0.5,
  weak_signal: 0.5,
  cannot_connect: 0.5,
  call_drop: 0.5,
  no_data: 0.5,
  slow_data: 0.5,
}

/** One row of the alarm table: keywords of the kind, what it can cause, which 专业 repairs it. */
export interface AlarmEffectRow {
  keywords: readonly string[]
  effects: Effects
  specialty: Specialty
}

/**
 * Site-environment alarms (动环: door, temperature, fan, battery, smoke, water, air conditioning): the site
 * still carries traffic while they are raised, so no customer feels them; when one ends in an outage the
 * NMS raises 断站/退服 as well, and that alarm is the evidence. Checked first: "电源模块温度过高" is a
 * temperature alarm, not a power failure.
 */
export const ENVIRONMENT_ALARM: AlarmEffectRow = {
  keywords: ['门禁', '温度', '高温', '风扇', '蓄电池', '电池欠压', '烟雾', '烟感', '水浸', '空调', '防盗', '红外'],
  effects: {},
  specialty: '无线-基站及配套',
}

/** The alarm table (see the header); order matters: first keyword match wins. */
export const ALARM_EFFECTS: readonly AlarmEffectRow[] = [
  ENVIRONMENT_ALARM,
  { keywords: ['断站', '退服', '停站', '宕站'], effects: EVERY_PHENOMENON, specialty: '无线-基站及配套' },
  { keywords: ['传输'], effects: EVERY_PHENOMENON, specialty: '无线-基站及配套' },
  { keywords: ['电源', '停电', '市电', '掉电'], effects: EVERY_PHENOMENON, specialty: '无线-基站及配套' },
  {
    keywords: ['硬件', '板卡', '单板'],
    effects: { no_signal: 0.5, weak_signal: 1, cannot_connect: 1, call_drop: 1, no_data: 1, slow_data: 1 },
    specialty: '无线-基站及配套',
  },
  {
    keywords: ['驻波', '天馈'],
    effects: { weak_signal: 1, cannot_connect: 0.5, call_drop: 1, no_data: 0.5, slow_data: 1 },
    specialty: '无线-基站及配套',
  },
  {
    keywords: ['干扰'],
    effects: { weak_signal: 1, cannot_connect: 1, call_drop: 1, slow_data: 1 },
    specialty: '无线网优',
  },
  {
    keywords: ['时钟', '同步', 'GPS'],
    effects: { cannot_connect: 1, call_drop: 1, no_data: 0.5, slow_data: 0.5 },
    specialty: '无线-基站及配套',
  },
  {
    keywords: ['拥塞', '负荷'],
    effects: { cannot_connect: 1, call_drop: 0.5, no_data: 0.5, slow_data: 1 },
    specialty: '无线网优',
  },
]

/** Alarm kinds the table does not know: possibly anything, but only half as telling. */
export const UNKNOWN_ALARM_EFFECT: AlarmEffectRow = { keywords: [], effects: ANY_HALF, specialty: '无线-基站及配套' }

/** The table row for an alarm kind. */
export function alarmEffectRow(kind: string): AlarmEffectRow {
  for (let i = 0; i < ALARM_EFFECTS.length; i++) {
    const row = ALARM_EFFECTS[i]
    for (let k = 0; k < row.keywords.length; k++) if (kind.includes(row.keywords[k])) return row
  }
  return UNKNOWN_ALARM_EFFECT
}

/** How well an alarm of `kind` explains `phenomenon`: 0 = it cannot. */
export function alarmEffect(kind: string, phenomenon: Phenomenon): number {
  return alarmEffectRow(kind).effects[phenomenon] ?? 0
}

/** How much an alarm's severity counts: a warning rarely takes service down. */
export const SEVERITY_WEIGHT: Record<Severity, number> = {
  critical: 1,
  major: 0.9,
  minor: 0.7,
  warning: 0.5,
}

/**
 * Phenomenon groups for step 1 (同类投诉): 003 sorts voice complaints into 覆盖类 (无信号/忙音,
 * 信号弱/不稳定, 有信号无法接通) and the rest; data complaints are their own class.
 */
export const PHENOMENON_GROUP: Record<Phenomenon, 'coverage' | 'quality' | 'data'> = {
  no_signal: 'coverage',
  weak_signal: 'coverage',
  cannot_connect: 'coverage',
  call_drop: 'quality',
  no_data: 'data',
  slow_data: 'data',
}
