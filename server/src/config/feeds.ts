import { envInt, type Env } from './env.js'
import { defaultServerOptions } from './server.js'

/**
 * Feeds from the network management system (网管数据交互): a watched inbox folder and an
 * optional polled URL for alarm and cutover exports (README "Feeds"). Environment: FEED_INBOX,
 * FEED_SCAN_MS, FEED_SETTLE_MS, FEED_ENCODING, FEED_CRS, FEED_MAX_BYTES, FEED_URL, FEED_URL_KIND,
 * FEED_URL_INTERVAL_S, FEED_URL_TOKEN, FEED_URL_TIMEOUT_MS.
 */
export interface FeedOptions {
  /** The inbox folder; null: no inbox. Default DATA_DIR/inbox; FEED_INBOX=off turns it off. */
  inbox: string | null
  /** The inbox is scanned this often even without a file-system event (fs.watch misses some, e.g. on NFS). */
  scanMs: number
  /** A file is taken only once its size and modification time have stayed the same this long. */
  settleMs: number
  /** Encoding of files that do not say (a `.gbk.csv` name says GBK): utf-8, gbk, gb2312 or gb18030. */
  encoding: string
  /** What the files' coordinates are in (cutover areas, sites): wgs84, gcj02 or bd09. */
  crs: string
  /** A larger file is set aside unread (the HTTP import's body limit). */
  maxBytes: number
  /** A URL answering a CSV or GeoJSON export, polled with If-None-Match; null: none. */
  url: string | null
  /** The import kind of what the URL answers. */
  urlKind: string
  /** The URL is polled this often. */
  urlIntervalMs: number
  /** Sent as Authorization: Bearer … to the URL; null: none. */
  urlToken: string | null
  /** One poll waits this long for the whole answer. */
  urlTimeoutMs: number
}

export const defaultFeedOptions: Omit<FeedOptions, 'inbox'> = {
  scanMs: 5_000, // the fallback only: fs.watch usually wakes the watcher at once
  settleMs: 1_000, // the NMS's writer pausing longer than this mid-file must write to *.tmp and rename
  encoding: 'utf-8',
  crs: 'wgs84',
  maxBytes: 256 * 1024 * 1024, // = the HTTP import's body limit
  url: null,
  urlKind: 'alarms',
  urlIntervalMs: 60_000,
  urlToken: null,
  urlTimeoutMs: 30_000,
}

/** Feed options from the environment (the inbox under `dataDir` by default), else the defaults above. */
export function loadFeedOptions(env: Env, dataDir = env.DATA_DIR ?? defaultServerOptions.dataDir): FeedOptions {
  const d = defaultFeedOptions
  const int = (name: string, def: number, min: number, unit = 1) => envInt(env, name, def, min, unit)
  const inbox = env.FEED_INBOX === 'off' ? null : env.FEED_INBOX || `${dataDir.replace(/\/+$/, '')}/inbox`
  return {
    inbox,
    scanMs: int('FEED_SCAN_MS', d.scanMs, 100),
    settleMs: int('FEED_SETTLE_MS', d.settleMs, 0),
    encoding: env.FEED_ENCODING || d.encoding,
    crs: env.FEED_CRS || d.crs,
    maxBytes: int('FEED_MAX_BYTES', d.maxBytes, 1),
    url: env.FEED_URL || null,
    urlKind: env.FEED_URL_KIND || d.urlKind,
    urlIntervalMs: int('FEED_URL_INTERVAL_S', d.urlIntervalMs, 1, 1000), // default already in ms; the variable is in seconds
    urlToken: env.FEED_URL_TOKEN || null,
    urlTimeoutMs: int('FEED_URL_TIMEOUT_MS', d.urlTimeoutMs, 100),
  }
}
