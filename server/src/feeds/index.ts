/**
 * Feeds from the network management system (网管数据交互, issue 9): the inbox watcher and the polled
 * URL around one pipeline (pipeline.ts). The instance's container starts them (main.ts, after the
 * service is listening) and stops them before the service; GET /api/feeds reads feed_files and, when
 * feeds run in this instance, their live state.
 */
import type { FeedOptions } from '../config/index.js'
import type { NetworkService } from '../service/network-service.js'
import { Users } from '../auth/users.js'
import { FeedStore } from '../store/repos/feed-files.js'
import { FeedPipeline, type FeedLog } from './pipeline.js'
import { InboxWatcher, type InboxState } from './inbox.js'
import { UrlPoller, type UrlState } from './url-poller.js'

export type { FeedLog, Outcome } from './pipeline.js'
export type { FeedFile, FeedCounts } from '../store/repos/feed-files.js'
export { FeedStore } from '../store/repos/feed-files.js'

/** The feeds of one service. */
export class Feeds {
  private constructor(
    readonly pipeline: FeedPipeline,
    readonly inbox: InboxWatcher | null,
    readonly url: UrlPoller | null,
  ) {}

  /** Starts the inbox watcher and the URL poller the options ask for (either may be off). */
  static async start(service: NetworkService, options: FeedOptions, log: FeedLog): Promise<Feeds> {
    const pipeline = new FeedPipeline(service, new FeedStore(service.store.db), new Users(service.store.db), options, log)
    const inbox = options.inbox ? new InboxWatcher(options.inbox, pipeline, options, log) : null
    const url = options.url
      ? new UrlPoller({ url: options.url, kind: options.urlKind, intervalMs: options.urlIntervalMs, token: options.urlToken, timeoutMs: options.urlTimeoutMs, maxBytes: options.maxBytes }, pipeline, inbox?.shelf ?? null, log)
      : null
    const feeds = new Feeds(pipeline, inbox, url)
    await inbox?.start()
    url?.start()
    return feeds
  }

  /** True once stop() was called. */
  stopped = false

  /** Stops watching and polling; the file (or poll) in progress is finished first. */
  async stop(): Promise<void> {
    this.stopped = true
    await Promise.all([this.inbox?.stop(), this.url?.stop()])
  }

  /** What the inbox and the URL poller are doing now. */
  state(): { inbox: InboxState | null; url: UrlState | null } {
    return { inbox: this.inbox?.state() ?? null, url: this.url?.state() ?? null }
  }
}
