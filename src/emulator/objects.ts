/** Object reads, listings, uploads and the uncommitted diff of a branch. */
import { createHash } from 'node:crypto'
import { compareBytewise } from '../util/byte-order.js'
import { type Entry, DEFAULT_CONTENT_TYPE, entryIdentity } from './entry.js'
import { errors, RangeNotSatisfiableError } from './errors.js'
import type { EntryRecord } from './metarange.js'
import type { Page } from './pagination.js'
import type { RefService, ResolvedRef } from './refs.js'
import type { Repository } from './repository.js'
import type { World } from './world.js'

/** One listing row: an object, or a common prefix when a delimiter groups keys. */
export type ListingItem =
  | { readonly kind: 'object'; readonly path: string; readonly entry: Entry }
  | { readonly kind: 'prefix'; readonly path: string }

export interface ListOptions {
  readonly prefix?: string
  readonly after?: string
  readonly delimiter?: string
  readonly amount: number
}

export type DiffType = 'added' | 'removed' | 'changed'
export type DiffItem =
  | { readonly kind: 'object'; readonly type: DiffType; readonly path: string; readonly sizeBytes?: number }
  | { readonly kind: 'prefix'; readonly type: DiffType; readonly path: string }

export interface UploadInput {
  readonly bytes: Uint8Array
  readonly contentType?: string
  readonly metadata: Readonly<Record<string, string>>
  readonly ifNoneMatch?: string
}

export class ObjectService {
  constructor(
    private readonly world: World,
    private readonly refs: RefService
  ) {}

  /** The entry at `path` on a ref; a branch shows its staged changes. */
  stat(repoName: string, ref: string, path: string): { repo: Repository; entry: Entry } {
    const repo = this.world.repository(repoName)
    const resolved = this.refs.resolve(repo, ref)
    const entry = this.#lookup(resolved, path)
    if (!entry) throw errors.refNotFound()
    return { repo, entry }
  }

  #lookup(resolved: ResolvedRef, path: string): Entry | undefined {
    const staged = resolved.branch?.staging.get(path)
    if (staged !== undefined) return staged ?? undefined
    return this.world.ranges.get(resolved.commit.metaRangeId, path)
  }

  /** Where an entry's bytes live: FULL addresses as-is, RELATIVE ones under the namespace. */
  physicalAddress(repo: Repository, entry: Entry): string {
    if (entry.addressType === 'full') return entry.address
    const ns = repo.settings.storageNamespace
    return `${ns.endsWith('/') ? ns : `${ns}/`}${entry.address}`
  }

  /** The bytes of an entry, or of `range` (inclusive, as in `Range: bytes=a-b`). */
  read(repo: Repository, entry: Entry, range?: { start?: number; end?: number }): { bytes: Uint8Array; start: number; end: number } {
    const size = entry.size
    let start = 0
    let end = size - 1
    if (range) {
      if (range.start === undefined) {
        start = Math.max(0, size - (range.end ?? 0))
      } else {
        start = range.start
        end = Math.min(range.end ?? size - 1, size - 1)
      }
      if (start >= size || start > end) throw new RangeNotSatisfiableError(size)
    }
    const bytes = this.world.store.read(this.physicalAddress(repo, entry), start, end + 1)
    return { bytes, start, end }
  }

  upload(repoName: string, branchName: string, path: string, input: UploadInput): { repo: Repository; entry: Entry } {
    const repo = this.world.repository(repoName)
    const branch = this.world.branch(repo, branchName)
    if (input.ifNoneMatch === '*' && this.#lookup({ commit: this.refs.commit(repo, branch.head), branch }, path)) {
      throw errors.objectExists()
    }
    const now = this.world.clock.now()
    // lakeFS writes uploads to <namespace>/data/<xid>/<xid> and records the relative address.
    const address = `data/${this.world.xids.next(now)}/${this.world.xids.next(now)}`
    const entry: Entry = {
      address,
      addressType: 'relative',
      checksum: createHash('md5').update(input.bytes).digest('hex'),
      size: input.bytes.length,
      mtimeMs: now,
      contentType: input.contentType || DEFAULT_CONTENT_TYPE,
      metadata: input.metadata,
    }
    this.world.store.put(this.physicalAddress(repo, entry), input.bytes, now)
    branch.staging.set(path, entry)
    return { repo, entry }
  }

  /** Stages a delete; deleting an absent path succeeds too (graveler.go deleteUnsafe). */
  delete(repoName: string, branchName: string, path: string): void {
    const repo = this.world.repository(repoName)
    const branch = this.world.branch(repo, branchName)
    const committed = this.world.ranges.get(this.refs.commit(repo, branch.head).metaRangeId, path)
    if (committed) branch.staging.set(path, null)
    else branch.staging.delete(path)
  }

  list(repoName: string, ref: string, options: ListOptions): Page<ListingItem> {
    const repo = this.world.repository(repoName)
    const resolved = this.refs.resolve(repo, ref)
    const prefix = options.prefix ?? ''
    const after = options.after ?? ''
    const from = compareBytewise(after, prefix) > 0 ? after : prefix
    const rows = this.#mergedEntries(resolved, from)
    const items = groupByDelimiter<EntryRecord, ListingItem>(
      rows,
      prefix,
      after,
      options.delimiter,
      (r) => ({ kind: 'object', path: r.key, entry: r.entry }),
      (path) => ({ kind: 'prefix', path })
    )
    return pageOf(items, options.amount)
  }

  /** Uncommitted changes: staged entries compared with the head commit. */
  diffBranch(repoName: string, branchName: string, options: ListOptions): Page<DiffItem> {
    const repo = this.world.repository(repoName)
    const branch = this.world.branch(repo, branchName)
    const head = this.refs.commit(repo, branch.head)
    const prefix = options.prefix ?? ''
    const after = options.after ?? ''
    const changes: { key: string; type: DiffType; size?: number }[] = []
    for (const key of [...branch.staging.keys()].sort(compareBytewise)) {
      const staged = branch.staging.get(key) ?? null
      const committed = this.world.ranges.get(head.metaRangeId, key)
      if (staged === null) {
        if (committed) changes.push({ key, type: 'removed', size: committed.size })
      } else if (!committed) {
        changes.push({ key, type: 'added', size: staged.size })
      } else if (!entryIdentity(committed).equals(entryIdentity(staged))) {
        changes.push({ key, type: 'changed', size: staged.size })
      }
    }
    const rows = changes.filter((c) => c.key.startsWith(prefix) && compareBytewise(c.key, after) > 0)
    const items = groupByDelimiter<(typeof changes)[number], DiffItem>(
      rows,
      prefix,
      after,
      options.delimiter,
      (c) => ({ kind: 'object', type: c.type, path: c.key, sizeBytes: c.size }),
      (path, first) => ({ kind: 'prefix', type: first.type, path })
    )
    return pageOf(items, options.amount)
  }

  /** Committed records merged with staged changes (staging wins; staged deletes hide keys). */
  *#mergedEntries(resolved: ResolvedRef, from: string): Generator<EntryRecord> {
    const committed = this.world.ranges.iterate(resolved.commit.metaRangeId, from)
    const staging = resolved.branch?.staging
    if (!staging?.size) {
      yield* committed
      return
    }
    const staged = [...staging.keys()].filter((k) => compareBytewise(k, from) >= 0).sort(compareBytewise)
    let s = 0
    let c = committed.next()
    while (!c.done || s < staged.length) {
      const sk = staged[s]
      const cmp = c.done ? 1 : sk === undefined ? -1 : compareBytewise(c.value.key, sk)
      if (cmp < 0) {
        yield c.value as EntryRecord
        c = committed.next()
        continue
      }
      if (cmp === 0) c = committed.next()
      const entry = staging.get(sk!)
      if (entry) yield { key: sk!, entry }
      s++
    }
  }
}

/**
 * Turns a key-ordered stream into listing rows: keys <= `after` are skipped, and with a
 * delimiter everything past the prefix up to the delimiter collapses into one common prefix.
 */
function* groupByDelimiter<T extends { key: string }, R>(
  rows: Iterable<T>,
  prefix: string,
  after: string,
  delimiter: string | undefined,
  toItem: (row: T) => R,
  toPrefix: (path: string, firstRow: T) => R
): Generator<R> {
  let lastPrefix: string | undefined
  for (const row of rows) {
    if (!row.key.startsWith(prefix)) {
      if (compareBytewise(row.key, prefix) > 0) return
      continue
    }
    if (after && compareBytewise(row.key, after) <= 0) continue
    if (delimiter) {
      const cut = row.key.indexOf(delimiter, prefix.length)
      if (cut >= 0) {
        const common = row.key.slice(0, cut + delimiter.length)
        if (common === lastPrefix || (after && compareBytewise(common, after) <= 0)) continue
        lastPrefix = common
        yield toPrefix(common, row)
        continue
      }
    }
    yield toItem(row)
  }
}

function pageOf<T extends { path: string }>(items: Iterable<T>, amount: number): Page<T> {
  const results: T[] = []
  for (const item of items) {
    if (results.length === amount) {
      return { results, hasMore: true, nextOffset: results[results.length - 1]!.path }
    }
    results.push(item)
  }
  return { results, hasMore: false, nextOffset: '' }
}
