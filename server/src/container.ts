/**
 * One instance's parts, built once and handed to the routes: the network service (store, index,
 * gazetteer, answer book, workflow, events), the users, the answer templates, published network
 * information and the outgoing webhooks. main.ts builds it; build() builds one for a test that gives
 * only a service. Nothing is kept in module-level state: two containers (two apps in one test
 * process, or a restart) never share a template cache or a webhook worker by accident. This is where
 * the change feed applies other instances' changes (service/change-feed.ts).
 */
import { AnswerTemplates } from './answers/templates.js'
import type { Users } from './auth/users.js'
import { defaultPublishOptions, type PublishOptions, type WebhookOptions } from './config/index.js'
import { PublishService } from './publish/index.js'
import type { NetworkService } from './service/network-service.js'
import type { WorkerLog } from './webhooks/dispatcher.js'
import { Webhooks } from './webhooks/index.js'
import { ChangeFeed, type ChangeFeedOptions } from './service/change-feed.js'
import { FeedStore, Feeds, type FeedLog } from './feeds/index.js'
import type { FeedOptions } from './config/index.js'
import type { ImportKind } from './domain/types.js'
import { ImportMappings } from './service/import-mappings.js'

export interface ContainerOptions {
  service: NetworkService
  users: Users
  webhooks: WebhookOptions
  publish?: Partial<PublishOptions>
}

export class Container {
  private webhooksStarted = false
  private feed: ChangeFeed | null = null
  /** The NMS feeds (inbox, polled URL) when this instance runs them (startFeeds). */
  feeds: Feeds | null = null
  /** Saved column mappings of operators' files (read from the store at each use: no in-memory copy). */
  readonly importMappings: ImportMappings
  /** The feed files' claims and outcomes (the feeds write them; GET /api/feeds reads them). */
  readonly feedFiles: FeedStore

  private constructor(
    readonly service: NetworkService,
    readonly users: Users,
    readonly templates: AnswerTemplates,
    readonly publish: PublishService,
    private readonly webhookOptions: WebhookOptions,
    private hooks: Webhooks | null = null,
  ) {
    this.importMappings = new ImportMappings(service.store.db)
    this.feedFiles = new FeedStore(service.store.db)
  }

  /** Builds the parts; the templates are seeded and loaded into the answer book before it resolves. */
  static async create(o: ContainerOptions): Promise<Container> {
    const templates = new AnswerTemplates(o.service.store.db, o.service.answers, o.service.store.changes)
    await templates.init()
    const publish = new PublishService(o.service, { ...defaultPublishOptions, ...o.publish })
    return new Container(o.service, o.users, templates, publish, o.webhooks)
  }

  /** The webhooks, their delivery worker started on first use with this log (the app's). */
  webhooks(log: WorkerLog): Webhooks {
    if (!this.hooks) this.hooks = new Webhooks(this.service, this.webhookOptions, log)
    if (!this.webhooksStarted) {
      this.webhooksStarted = true
      this.hooks.start()
    }
    return this.hooks
  }

  /**
   * Follows the other instances' changes (PostgreSQL only: `url` is DATABASE_URL), from the log's seq
   * the index was loaded at. Resolves once caught up.
   */
  async startFeed(url: string, log: ChangeFeedOptions['log']): Promise<ChangeFeed> {
    const s = this.service
    const feed = new ChangeFeed({
      url, db: s.store.db, origin: s.store.changes.origin, fromSeq: s.loadedSeq, log,
      apply: async (c) => {
        if (c.topic === 'rows' && c.kind) await s.refreshRows(c.kind as ImportKind, c.ids, c.event)
        else if (c.topic === 'complaints') await s.refreshComplaints(c.ids)
        else if (c.topic === 'templates') await this.templates.refresh()
        else if (c.topic === 'auth') this.users.clearCache()
      },
      reload: async () => {
        await s.reload()
        await this.templates.refresh()
        this.users.clearCache()
      },
    })
    await feed.start()
    this.feed = s.feed = feed
    return feed
  }

  /** Starts the NMS feeds the options ask for (inbox watcher, URL poller); once per container. */
  async startFeeds(options: FeedOptions, log: FeedLog): Promise<Feeds> {
    if (this.feeds && !this.feeds.stopped) throw new Error('the NMS feeds already run in this instance')
    this.feeds = await Feeds.start(this.service, options, log)
    return this.feeds
  }

  /**
   * Stops what runs in the background (the NMS feeds — the file in progress is finished —, the change
   * feed, the webhook worker); the service is closed by its owner.
   */
  async stop(): Promise<void> {
    const feeds = this.feeds
    this.feeds = null
    await feeds?.stop()
    await this.feed?.stop()
    if (this.hooks && this.webhooksStarted) {
      this.webhooksStarted = false
      await this.hooks.stop()
    }
  }
}
