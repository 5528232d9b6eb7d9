/** Schemas of GET /api/feeds (the NMS feeds' status). */
import { Type } from 'typebox'

export const FeedsQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'how many of the latest files (and of the latest failures) to list' }),
})

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])

export const FeedFileReply = Type.Object({
  id: Type.Integer(),
  source: Type.Union([Type.Literal('inbox'), Type.Literal('url')]),
  name: Type.String({ description: 'the path inside the inbox (alarms/x.csv), or the URL polled' }),
  kind: Nullable(Type.String()),
  sha256: Type.String(),
  bytes: Type.Integer(),
  status: Type.Union([Type.Literal('importing'), Type.Literal('imported'), Type.Literal('duplicate'), Type.Literal('failed')]),
  rows: Nullable(Type.Integer()),
  skipped: Nullable(Type.Integer()),
  reason: Nullable(Type.String({ description: 'why it failed (row and field), or which import it duplicates' })),
  movedTo: Nullable(Type.String({ description: 'where the file went, relative to the inbox (done/2026-11-23/…, failed/…)' })),
  receivedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
})

export const FeedsReply = Type.Object({
  inbox: Nullable(Type.Object({
    dir: Type.String(),
    watching: Type.Boolean({ description: 'fs.watch is active; false: only the periodic scan finds files' }),
    lastScanAt: Nullable(Type.String()),
    current: Nullable(Type.String({ description: 'the file being imported now' })),
    waiting: Type.Integer({ description: 'files seen but not yet taken (still being written, or to be retried)' }),
  }, { description: 'null when no inbox is watched by this process' })),
  url: Nullable(Type.Object({
    url: Type.String(), kind: Type.String(), polls: Type.Integer(), notModified: Type.Integer(), duplicates: Type.Integer(),
    lastPollAt: Nullable(Type.String()), lastStatus: Nullable(Type.Integer()), lastError: Nullable(Type.String()), etag: Nullable(Type.String()),
  }, { description: 'null when no URL is polled by this process' })),
  counts: Type.Object({
    imported: Type.Integer(), duplicate: Type.Integer(), failed: Type.Integer(), importing: Type.Integer(),
    rows: Type.Integer({ description: 'rows imported by the feeds' }),
  }),
  files: Type.Array(FeedFileReply, { description: 'the latest files, newest first' }),
  failures: Type.Array(FeedFileReply, { description: 'the latest failures with their reasons, newest first' }),
})
