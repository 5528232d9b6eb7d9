/**
 * Earlier complaints 投诉工单: the hidden fault's cluster, the known issue, complaints closed with a
 * confirmed cause (their answers are what an agent told the customer then, kept as written), and
 * spread-out ones without a network cause.
 */
import { ANSWER_CUTOVER, ANSWER_PLANNED } from './answers.js'
import { at, cst, iso, type Km, kmOf } from './frame.js'
import { addressOf } from './places.js'
import { CLUSTER_CENTRE, KNOWN_CENTRE, PLANNED_HOSPITAL, PLANNED_VILLAGE } from './scenario-points.js'
import { upgradeSites } from './events.js'
import type { Row, SiteRow } from './types.js'


/** Per phenomenon: what the customer said, and the service it concerns. */
export const PHENOMENON_TEXT: Record<string, [string, 'voice' | 'data']> = {
  '无信号/忙音': ['手机没有信号,打电话一直是忙音', 'voice'],
  '信号弱/不稳定': ['信号时有时无,只有一两格', 'voice'],
  有信号无法接通: ['有信号但是电话打不出去', 'voice'],
  掉话: ['通话中经常掉线', 'voice'],
  无法上网: ['手机上不了网', 'data'],
  网速慢: ['上网很慢,视频一直缓冲', 'data'],
}

/** The earlier complaints, 40 in all, after the scenario groups. */
export function complaintsOf(sites: SiteRow[], history: Row[], rnd: () => number): Row[] {
  const rows: Row[] = []
  const jitter = (c: Km, km: number): Km => [c[0] + (rnd() - 0.5) * 2 * km, c[1] + (rnd() - 0.5) * 2 * km]
  const add = (p: Km, occurred: string, phenomenon: string, extra: Row = {}, reportedAfterMin = 10 + Math.floor(rnd() * 110)): void => {
    const ll = at(p)
    const [description, service] = PHENOMENON_TEXT[phenomenon]
    rows.push({
      id: `TS${String(rows.length + 1).padStart(4, '0')}`,
      occurred_at: occurred,
      reported_at: iso(Date.parse(occurred) + reportedAfterMin * 60_000),
      address: addressOf(ll),
      service,
      phenomenon,
      description,
      vip: rnd() < 0.15 ? (rnd() < 0.5 ? '金卡' : '钻石卡') : '',
      lon: ll[0],
      lat: ll[1],
      cause: '',
      answer: '',
      ...extra,
    })
  }
  // The hidden fault: six 无信号 complaints, 15:35–16:20 today, within ~250 m; open, no alarm near.
  for (let k = 0; k < 6; k++) {
    add(jitter(CLUSTER_CENTRE, 0.17), cst(`${15 + Math.floor((35 + k * 9) / 60)}:${String((35 + k * 9) % 60).padStart(2, '0')}`), '无信号/忙音', {}, 3 + k)
  }
  // The known issue: three 网速慢 complaints this morning on 石牌东街, confirmed and answered.
  const known = '经过核实,石牌东街附近基站传输设备异常导致上网速度慢,我司已安排抢修,预计今日18:00前恢复,给您带来不便敬请谅解。'
  for (const [k, t] of ['09:10', '09:55', '10:40'].entries()) {
    add(jitter(KNOWN_CENTRE, 0.08), cst(t), '网速慢', { cause: 'site_fault', answer: known, description: k === 0 ? '上网很慢,网页打不开' : '上网很慢,视频一直缓冲' })
  }
  // Older complaints with confirmed causes, where the network explains them.
  const blind = '经过核实,南岗巷城中村一带为信号盲点,因选址困难暂无法建站,已规划新建基站,该情况将成为我司后期网络规划和建设依据,建议用户关注。'
  for (const d of [-15, -9, -4]) add(jitter([0.62, 0.5], 0.1), cst('19:20', d), '无信号/忙音', { cause: 'blind_spot', answer: blind })
  add(jitter(PLANNED_VILLAGE, 0.08), cst('20:05', -6), '信号弱/不稳定', { cause: 'planned_site', answer: ANSWER_PLANNED })
  const weak = '经过核实,林苑街、翠湖小区高层住宅区信号较弱,因高楼阻挡,已安排网络优化工程,该情况将成为我司后期网络规划和建设依据,建议用户关注。'
  for (const d of [-12, -7, -2]) add(jitter([0.6, 2.95], 0.15), cst('21:30', d), '信号弱/不稳定', { cause: 'weak_coverage', answer: weak })
  const garage = '经过核实,华景大厦地下停车场无信号,因物业难点暂未能进场,已申请室分建设,该情况将成为我司后期网络规划和建设依据,建议用户关注。'
  for (const d of [-11, -5]) add(jitter([3.1, 0.8], 0.02), cst('18:40', d), '无信号/忙音', { cause: 'blind_spot', answer: garage })
  add(jitter(PLANNED_HOSPITAL, 0.1), cst('10:15', -8), '网速慢', { cause: 'weak_coverage', answer: '经过核实,龙口医院东侧信号较弱,因站间距过大,已规划新建基站,该情况将成为我司后期网络规划和建设依据,建议用户关注。' })
  // During the night upgrade: answered as maintenance.
  for (const s of upgradeSites(sites)) add(jitter(kmOf(s), 0.2), cst('02:00', -3), '无信号/忙音', { cause: 'cutover', answer: ANSWER_CUTOVER })
  // Behind cleared alarms of the last weeks.
  for (const a of history.slice(0, 4)) {
    const s = sites.find((x) => x.id === a.site_id)!
    const fixed = String(a.cleared_at).slice(11, 16)
    add(jitter(kmOf(s), 0.25), iso(Date.parse(String(a.raised_at)) + 10 * 60_000), a.kind === '电源' || a.kind === '硬件' ? '掉话' : '无信号/忙音', {
      cause: 'site_fault',
      answer: `经过核实,附近基站因设备故障(${a.kind})影响通话,已于${fixed}修复,现在信号已恢复。`,
    })
  }
  // Spread-out older complaints, mostly still open or closed without a network cause.
  const phenomena = Object.keys(PHENOMENON_TEXT)
  while (rows.length < 40) {
    const p: Km = [0.2 + rnd() * 3.7, 0.2 + rnd() * 2.9]
    const d = -20 + Math.floor(rnd() * 19)
    const h = 8 + Math.floor(rnd() * 14)
    add(p, cst(`${String(h).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}`, d), phenomena[Math.floor(rnd() * phenomena.length)])
  }
  return rows
}
