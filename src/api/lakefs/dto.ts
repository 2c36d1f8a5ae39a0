/** Domain values to lakeFS wire shapes (controller.go's *ToResponse helpers). */
import type { z } from '@hono/zod-openapi'
import type { Commit } from '../../emulator/graveler/commit.js'
import { DEFAULT_CONTENT_TYPE, type Entry } from '../../emulator/graveler/entry.js'
import type { ImportStatusRecord } from '../../emulator/import/import-job.js'
import { MAX_PER_PAGE, type Page } from '../../emulator/catalog/pagination.js'
import type { DiffItem } from '../../emulator/catalog/object-service.js'
import type { Repository } from '../../emulator/catalog/repository.js'
import type {
  CommitSchema,
  DiffSchema,
  ImportStatusSchema,
  ObjectStatsSchema,
  PaginationSchema,
  RepositorySchema,
} from './schemas.js'

export const seconds = (ms: number) => Math.floor(ms / 1000)

/** A time as Go's encoding/json writes a time.Time in UTC (RFC 3339 with the fraction's trailing zeros trimmed). */
export const goTime = (ms: number) => new Date(ms).toISOString().replace(/\.?0+Z$/, 'Z')

export function toCommit(c: Commit): z.infer<typeof CommitSchema> {
  return {
    id: c.id,
    parents: [...c.parents],
    committer: c.committer,
    message: c.message,
    creation_date: c.creationDate,
    meta_range_id: c.metaRangeId,
    metadata: { ...c.metadata },
    generation: c.generation,
    version: c.version,
  }
}

export function toRepository(r: Repository): z.infer<typeof RepositorySchema> {
  return {
    id: r.name,
    creation_date: seconds(r.settings.creationDate),
    default_branch: r.settings.defaultBranch,
    storage_id: '',
    storage_namespace: r.settings.storageNamespace,
    read_only: r.settings.readOnly,
  }
}

/** importStatusToResponse: ingested_objects always; commit and metarange only on success. */
function toImportStatus(s: ImportStatusRecord): z.infer<typeof ImportStatusSchema> {
  return {
    completed: s.completed,
    update_time: new Date(s.updateTime).toISOString(),
    ingested_objects: s.ingestedObjects,
    ...(s.metaRangeId !== undefined && { metarange_id: s.metaRangeId }),
    ...(s.commit && { commit: toCommit(s.commit) }),
    ...(s.error !== undefined && { error: { message: `import error: ${s.error}` } }),
  }
}

export function toObjectStats(path: string, entry: Entry, physicalAddress: string, withMetadata = true): z.infer<typeof ObjectStatsSchema> {
  return {
    path,
    path_type: 'object',
    physical_address: physicalAddress,
    checksum: entry.checksum,
    size_bytes: entry.size,
    mtime: seconds(entry.mtimeMs),
    ...(withMetadata && { metadata: { ...entry.metadata } }),
    content_type: entry.contentType || DEFAULT_CONTENT_TYPE,
  }
}

/** A common prefix row: lakeFS still sends empty checksum and address and a zero mtime. */
export function toCommonPrefix(path: string): z.infer<typeof ObjectStatsSchema> {
  return { path, path_type: 'common_prefix', physical_address: '', checksum: '', mtime: 0 }
}

export function toPagination(page: Page<unknown>): z.infer<typeof PaginationSchema> {
  return {
    has_more: page.hasMore,
    next_offset: page.nextOffset,
    results: page.results.length,
    max_per_page: MAX_PER_PAGE,
  }
}

/** A diff row: objects carry their size, common prefixes do not (catalog listDiffHelper). */
export function toDiff(d: DiffItem): z.infer<typeof DiffSchema> {
  return d.kind === 'prefix'
    ? { type: d.type, path: d.path, path_type: 'common_prefix' }
    : { type: d.type, path: d.path, path_type: 'object', size_bytes: d.sizeBytes }
}

/** Status records are immutable snapshots, so each is serialized once however often it is polled. */
const serialized = new WeakMap<ImportStatusRecord, string>()
export function statusJson(status: ImportStatusRecord): string {
  let text = serialized.get(status)
  if (text === undefined) serialized.set(status, (text = JSON.stringify(toImportStatus(status))))
  return text
}
