/**
 * Every option of the service, one file per group, each option with its default and a comment there.
 * loadConfig(env) reads them all from an environment (README "Configuration"); only the entry points
 * call it — main.ts and the CLIs with process.env — and hand the groups down as options objects. Library
 * modules import types and defaults from here, never an environment. Tests pass overrides to build().
 */
import type { Env } from './env.js'
import { defaultAnalysisOptions, type AnalysisOptions } from './analysis.js'
import { loadDiagnosisOptions, type DiagnosisOptions } from './diagnosis.js'
import { loadEmbedOptions, type EmbedOptions } from './embed.js'
import { loadFeedOptions, type FeedOptions } from './feeds.js'
import { importMaxRows } from './imports.js'
import { loadPublishOptions, type PublishOptions } from './publish.js'
import { loadSecurityOptions, type SecurityOptions } from './security.js'
import { loadServerOptions, type ServerOptions } from './server.js'
import { loadDatabaseOptions, type DatabaseOptions } from './store.js'
import { loadWebhookOptions, type WebhookOptions } from './webhooks.js'
import { loadWorkflowOptions, type WorkflowOptions } from './workflow.js'

export * from './analysis.js'
export * from './diagnosis.js'
export * from './embed.js'
export * from './env.js'
export * from './feeds.js'
export * from './imports.js'
export * from './publish.js'
export * from './security.js'
export * from './server.js'
export * from './store.js'
export * from './webhooks.js'
export * from './workflow.js'

/**
 * The whole configuration. The process and database options sit at the top level, so a Config is
 * also the store's options (NetworkService.start(config)); every other group under its name.
 */
export interface Config extends ServerOptions, DatabaseOptions {
  diagnosis: DiagnosisOptions
  analysis: AnalysisOptions
  workflow: WorkflowOptions
  security: SecurityOptions
  /** Rows one HTTP import may have (imports.ts). */
  importMaxRows: number
  webhooks: WebhookOptions
  embed: EmbedOptions
  feeds: FeedOptions
  publish: PublishOptions
}

/**
 * Reads every group from the environment, falling back to the documented defaults. A malformed value
 * throws at once, naming the variable, what it must be and what it got: the process does not start.
 */
export function loadConfig(env: Env): Config {
  const server = loadServerOptions(env)
  return {
    ...server,
    ...loadDatabaseOptions(env),
    diagnosis: loadDiagnosisOptions(env),
    analysis: { ...defaultAnalysisOptions },
    workflow: loadWorkflowOptions(env),
    security: loadSecurityOptions(env),
    importMaxRows: importMaxRows(env),
    webhooks: loadWebhookOptions(env),
    embed: loadEmbedOptions(env),
    feeds: loadFeedOptions(env, server.dataDir),
    publish: loadPublishOptions(env),
  }
}
