/**
 * Every SQL statement of the service but the migrations: the .sql files of this folder as pg-promise
 * QueryFiles with named parameters, read and minified once per process. One subfolder per table, plus
 * postgis/ (queries only PostGIS runs) and the database's own chores (locks/, cursor/, table/,
 * catalog/, health/). This is the one loader: a repository never builds SQL from template strings,
 * it names an entry of SQL.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pgPromise from 'pg-promise'

const here = dirname(fileURLToPath(import.meta.url))

/** Loads one .sql file of this folder; a missing or unreadable file fails at start, not at the first query. */
function sql(file: string): pgPromise.QueryFile {
  const qf = new pgPromise.QueryFile(join(here, file), { minify: true })
  if (qf.error) throw qf.error
  return qf
}

export const SQL = {
  counts: sql('counts.sql'),
  sites: { all: sql('sites/all.sql') },
  cells: { all: sql('cells/all.sql') },
  alarms: { batch: sql('alarms/batch.sql'), range: sql('alarms/range.sql'), pages: sql('alarms/pages.sql') },
  cutovers: { all: sql('cutovers/all.sql') },
  coverage: { all: sql('coverage/all.sql') },
  planned: { all: sql('planned/all.sql') },
  features: { all: sql('features/all.sql'), districts: sql('features/districts.sql'), get: sql('features/get.sql') },
  complaints: { all: sql('complaints/all.sql'), find: sql('complaints/find.sql'), get: sql('complaints/get.sql'), inBboxAll: sql('complaints/in-bbox-all.sql'), settledPairs: sql('complaints/settled-pairs.sql'),
    lookup: sql('complaints/lookup.sql'), idempotencyClaim: sql('complaints/idempotency-claim.sql'), idempotencyGet: sql('complaints/idempotency-get.sql'),
    templatePreview: sql('complaints/template-preview.sql') },
  /** The complaint workflow (issue 8): status, history, repeats, overdue candidates, districts' users. */
  workflow: {
    getForUpdate: sql('workflow/get-for-update.sql'), upsert: sql('workflow/upsert.sql'), addHistory: sql('workflow/add-history.sql'),
    history: sql('workflow/history.sql'), of: sql('workflow/of.sql'), settle: sql('workflow/settle.sql'), settled: sql('workflow/settled.sql'),
    repeatCandidates: sql('workflow/repeat-candidates.sql'), openDue: sql('workflow/open-due.sql'), districtsUsers: sql('features/districts-users.sql'),
    complaintsByIds: sql('workflow/complaints-by-ids.sql'),
  },
  /** The feed_files table: files taken from the inbox or fetched from the URL. */
  feedFiles: {
    claim: sql('feed_files/claim.sql'), takeOver: sql('feed_files/take-over.sql'), holder: sql('feed_files/holder.sql'), finish: sql('feed_files/finish.sql'),
    release: sql('feed_files/release.sql'), record: sql('feed_files/record.sql'), recent: sql('feed_files/recent.sql'), counts: sql('feed_files/counts.sql'),
  },
  /** The publish_types and publish_objects tables: published network information. */
  publish: {
    typesAll: sql('publish/types-all.sql'), typesGet: sql('publish/types-get.sql'), typesInsert: sql('publish/types-insert.sql'), typesUpdate: sql('publish/types-update.sql'),
    typesCountObjects: sql('publish/types-count-objects.sql'),
    objectsGet: sql('publish/objects-get.sql'), objectsGetForUpdate: sql('publish/objects-get-for-update.sql'), objectsInsert: sql('publish/objects-insert.sql'),
    objectsUpdate: sql('publish/objects-update.sql'), objectsInBbox: sql('publish/objects-in-bbox.sql'), objectsDue: sql('publish/objects-due.sql'), objectsOfType: sql('publish/objects-of-type.sql'),
  },
  /** Who may do what: users, their API tokens and browser sessions, and the audit log. */
  users: {
    count: sql('users/count.sql'), all: sql('users/all.sql'), get: sql('users/get.sql'), insert: sql('users/insert.sql'),
    update: sql('users/update.sql'), activeAdmins: sql('users/active-admins.sql'), remove: sql('users/remove.sql'),
  },
  apiTokens: {
    removeExpired: sql('api_tokens/remove-expired.sql'), insert: sql('api_tokens/insert.sql'), ofUser: sql('api_tokens/of-user.sql'),
    revoke: sql('api_tokens/revoke.sql'), principal: sql('api_tokens/principal.sql'), touch: sql('api_tokens/touch.sql'), removeOfUser: sql('api_tokens/remove-of-user.sql'),
  },
  sessions: {
    removeExpired: sql('sessions/remove-expired.sql'), insert: sql('sessions/insert.sql'), principal: sql('sessions/principal.sql'),
    remove: sql('sessions/remove.sql'), removeOfUser: sql('sessions/remove-of-user.sql'),
  },
  auditLog: { insert: sql('audit_log/insert.sql'), find: sql('audit_log/find.sql') },
  /** The answer-script knowledge base: every version of every template. */
  answerTemplates: {
    codes: sql('answer_templates/codes.sql'), seed: sql('answer_templates/seed.sql'), current: sql('answer_templates/current.sql'),
    currentWithCount: sql('answer_templates/current-with-count.sql'), history: sql('answer_templates/history.sql'),
    newest: sql('answer_templates/newest.sql'), insert: sql('answer_templates/insert.sql'),
  },
  /** Outgoing webhooks: the subscriptions and the outbox of their deliveries. */
  webhooks: {
    insert: sql('webhooks/insert.sql'), all: sql('webhooks/all.sql'), get: sql('webhooks/get.sql'), remove: sql('webhooks/remove.sql'),
    subscriptions: sql('webhooks/subscriptions.sql'),
  },
  webhookDeliveries: {
    claim: sql('webhook_deliveries/claim.sql'), delivered: sql('webhook_deliveries/delivered.sql'), attemptFailed: sql('webhook_deliveries/attempt-failed.sql'),
    release: sql('webhook_deliveries/release.sql'), nextDue: sql('webhook_deliveries/next-due.sql'), ofWebhook: sql('webhook_deliveries/of-webhook.sql'),
  },
  /** Saved column mappings of operators' files, by source name. */
  importMappings: { all: sql('import_mappings/all.sql'), get: sql('import_mappings/get.sql'), upsert: sql('import_mappings/upsert.sql'), remove: sql('import_mappings/remove.sql') },
  /** The change feed between instances on one PostgreSQL. */
  changeLog: {
    insert: sql('change_log/insert.sql'), notify: sql('change_log/notify.sql'), head: sql('change_log/head.sql'),
    prunedThrough: sql('change_log/pruned-through.sql'), after: sql('change_log/after.sql'), prune: sql('change_log/prune.sql'),
  },
  /** The migration runner's record (store/migrate.ts). */
  schemaMigrations: {
    create: sql('schema_migrations/create.sql'), all: sql('schema_migrations/all.sql'), get: sql('schema_migrations/get.sql'), insert: sql('schema_migrations/insert.sql'),
  },
  health: { ping: sql('health/ping.sql') },
  /** Any repository's table by id (TableRepo.remove, byIds); the table name is the repository's own. */
  table: { remove: sql('table/remove.sql'), byIds: sql('table/by-ids.sql') },
  /** Reading a repository's full query through a cursor (readWithCursor). */
  cursor: { planAll: sql('cursor/plan-all.sql'), declare: sql('cursor/declare.sql'), fetch: sql('cursor/fetch.sql'), close: sql('cursor/close.sql') },
  /** Advisory locks by key (the keys are constants of the code that takes them). */
  locks: { lock: sql('locks/lock.sql'), unlock: sql('locks/unlock.sql'), xactLock: sql('locks/xact-lock.sql') },
  /** Any table, by the catalog's names (the store-to-store copy, cli/migrate-store.ts). */
  catalog: {
    tables: sql('catalog/tables.sql'), columns: sql('catalog/columns.sql'), foreignKeys: sql('catalog/foreign-keys.sql'), primaryKeys: sql('catalog/primary-keys.sql'),
    sequences: sql('catalog/sequences.sql'), ownedSequences: sql('catalog/owned-sequences.sql'), sequencePosition: sql('catalog/sequence-position.sql'),
    setSequence: sql('catalog/set-sequence.sql'), count: sql('catalog/count.sql'), countColumn: sql('catalog/count-column.sql'), maxColumn: sql('catalog/max-column.sql'),
    truncate: sql('catalog/truncate.sql'), noStatementTimeout: sql('catalog/no-statement-timeout.sql'),
    declareAsText: sql('catalog/declare-as-text.sql'), declareAsTextOrdered: sql('catalog/declare-as-text-ordered.sql'),
    fetch: sql('catalog/fetch.sql'), close: sql('catalog/close.sql'),
    insertValues: sql('catalog/insert-values.sql'), insertValuesOverriding: sql('catalog/insert-values-overriding.sql'),
  },
  /** Queries only PostgreSQL + PostGIS runs (the embedded store answers them in the service). */
  postgis: {
    complaintsInArea: sql('postgis/complaints-in-area.sql'),
    areaBreakdown: sql('postgis/area-breakdown.sql'),
    districtCounts: sql('postgis/district-counts.sql'),
  },
}
