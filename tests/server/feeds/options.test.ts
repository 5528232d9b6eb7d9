/** The feeds' options from the environment: the documented defaults, units and refusals. */
import { describe, expect, it } from 'vitest'
import { defaultFeedOptions, loadFeedOptions } from '../../../server/src/config/index.js'

describe('loadFeedOptions', () => {
  it('polls FEED_URL every 60 s by default, and FEED_URL_INTERVAL_S is in seconds', () => {
    expect(loadFeedOptions({ FEED_URL: 'http://nms.example/alarms.csv' }, '/tmp/x').urlIntervalMs).toBe(60_000)
    expect(defaultFeedOptions.urlIntervalMs).toBe(60_000)
    expect(loadFeedOptions({ FEED_URL: 'http://nms.example/alarms.csv', FEED_URL_INTERVAL_S: '5' }, '/tmp/x').urlIntervalMs).toBe(5_000)
    expect(() => loadFeedOptions({ FEED_URL_INTERVAL_S: '0' }, '/tmp/x')).toThrow(/FEED_URL_INTERVAL_S must be an integer ≥ 1/)
  })
  it('keeps the inbox under DATA_DIR unless told otherwise, and FEED_INBOX=off turns it off', () => {
    expect(loadFeedOptions({}, '/data/').inbox).toBe('/data/inbox')
    expect(loadFeedOptions({ FEED_INBOX: 'off' }, '/data').inbox).toBeNull()
  })
})
