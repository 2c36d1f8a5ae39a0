/** Object reads, listings, uploads and the uncommitted diff of a branch. */
import { createHash } from 'node:crypto'
import { compareBytewise } from '../../util/byte-order.js'
import { type Entry, DEFAULT_CONTENT_TYPE } from '../graveler/entry.js'
import { errors, RangeNotSatisfiableError } from '../errors.js'
import type { EntryRecord } from '../graveler/metarange.js'
import { groupByDelimiter, pageOf } from './listing.js'
import { type DiffItem, diffUncommitted } from './uncommitted-diff.js'
export type { DiffItem, DiffType } from './uncommitted-diff.js'
import type { Page } from './pagination.js'
import type { RefService, ResolvedRef } from './ref-service.js'
import { type Branch, namespacePrefix, type Repository } from './repository.js'
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


export interface UploadInput {
  readonly bytes: Uint8Array
  readonly contentType?: string
  readonly metadata: Readonly<Record<string, string>>
  readonly ifNoneMatch?: string
  /** Write to a read-only repository anyway (lakeFS `force`). */
  readonly force?: boolean
  /** The checksum to record instead of the bytes' MD5 (a multipart upload's, a copy's). */
  readonly checksum?: string
}

/** A per-path failure of deleteObjects (lakeFS ObjectError). */
export interface ObjectError {
  readonly path: string
  readonly status: number
  readonly message: string
}

/** lakeFS's limit on paths per deleteObjects call (graveler DeleteKeysMaxSize). */
export const MAX_DELETE_PATHS = 1000

export class ObjectService {
  constructor(
    private readonly world: World,
    private readonly refs: RefService
  ) {}

  /** The entry at `path` on a ref; a branch shows its staged changes. */
  stat(repoName: string, ref: string, path: string): { repo: Repository; entry: Entry } {
    const repo = this.world.repository(repoName)
    const resolved = this.refs.resolve(repo, ref)
    const entry = this.lookup(resolved, path)
    if (!entry) throw errors.refNotFound()
    return { repo, entry }
  }

  /** The entry at `path` on a resolved ref, staged changes first. */
  lookup(resolved: ResolvedRef, path: string): Entry | undefined {
    const staged = resolved.branch?.staging.get(path)
    if (staged !== undefined) return staged ?? undefined
    return this.world.ranges.get(resolved.commit.metaRangeId, path)
  }

  /** Where an entry's bytes live: FULL addresses as-is, RELATIVE ones under the namespace. */
  physicalAddress(repo: Repository, entry: Entry): string {
    if (entry.addressType === 'full') return entry.address
    return `${namespacePrefix(repo)}${entry.address}`
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
    const branch = this.writableBranch(repo, branchName, input.force)
    if (input.ifNoneMatch === '*' && this.lookup({ commit: this.refs.commit(repo, branch.head), branch }, path)) {
      throw errors.objectExists()
    }
    const entry = this.#write(repo, input.bytes, {
      checksum: input.checksum ?? createHash('md5').update(input.bytes).digest('hex'),
      contentType: input.contentType || DEFAULT_CONTENT_TYPE,
      metadata: input.metadata,
    })
    branch.staging.set(path, entry)
    return { repo, entry }
  }

  /** lakeFS's PathProvider: <namespace>/data/<xid>/<xid>. */
  newAddress(): string {
    const now = this.world.clock.now()
    return `data/${this.world.xids.next(now)}/${this.world.xids.next(now)}`
  }

  /** Stores bytes at a new address (see #newAddress). */
  #write(repo: Repository, bytes: Uint8Array, fields: Pick<Entry, 'checksum' | 'contentType' | 'metadata'>): Entry {
    const now = this.world.clock.now()
    const address = this.newAddress()
    const entry: Entry = { address, addressType: 'relative', size: bytes.length, mtimeMs: now, ...fields }
    this.world.store.put(this.physicalAddress(repo, entry), bytes, now)
    return entry
  }

  /** A branch that staging writes may change: not protected, and not in a read-only repository. */
  writableBranch(repo: Repository, branchName: string, force = false): Branch {
    const branch = this.world.branch(repo, branchName)
    if (this.refs.isProtected(repo, branchName)) throw errors.writeToProtectedBranch()
    if (repo.settings.readOnly && !force) throw errors.readOnlyRepository()
    return branch
  }

  /** Stages a delete; deleting an absent path succeeds too (graveler.go deleteUnsafe). */
  delete(repoName: string, branchName: string, path: string, force = false): void {
    const repo = this.world.repository(repoName)
    const branch = this.writableBranch(repo, branchName, force)
    this.#stageDelete(repo, branch, path)
  }

  #stageDelete(repo: Repository, branch: Branch, path: string): void {
    const committed = this.world.ranges.get(this.refs.commit(repo, branch.head).metaRangeId, path)
    if (committed) branch.staging.set(path, null)
    else branch.staging.delete(path)
  }

  /**
   * deleteObjects: one staged delete per path; a path that cannot be deleted is reported on its
   * own and the others still go ahead (controller.go DeleteObjects).
   */
  deleteMany(repoName: string, branchName: string, paths: readonly string[], force = false): ObjectError[] {
    const repo = this.world.repository(repoName)
    const branch = this.writableBranch(repo, branchName, force)
    if (paths.length > MAX_DELETE_PATHS) throw errors.tooManyPaths(paths.length, MAX_DELETE_PATHS)
    const failed: ObjectError[] = []
    for (const path of paths) {
      if (!path) failed.push({ path, status: 400, message: 'path: required value: validation error' })
      else this.#stageDelete(repo, branch, path)
    }
    return failed
  }

  /**
   * copyObject: a new object with the source's checksum, content type and user metadata. The
   * bytes are copied to a new address, except for a shallow copy within one branch.
   */
  copy(repoName: string, destBranch: string, destPath: string, src: { path: string; ref?: string; shallow?: boolean; force?: boolean }): { repo: Repository; entry: Entry } {
    const repo = this.world.repository(repoName)
    const branch = this.writableBranch(repo, destBranch, src.force)
    const srcRef = src.ref || destBranch
    const { entry: source } = this.stat(repoName, srcRef, src.path)
    let entry: Entry
    if (src.shallow && srcRef === destBranch) {
      entry = { ...source, mtimeMs: this.world.clock.now() }
    } else {
      const bytes = this.world.store.read(this.physicalAddress(repo, source), 0, source.size)
      entry = this.#write(repo, bytes, { checksum: source.checksum, contentType: source.contentType, metadata: source.metadata })
    }
    branch.staging.set(destPath, entry)
    return { repo, entry }
  }

  /** updateObjectUserMetadata: the object's user metadata replaced by `metadata`, staged. */
  updateUserMetadata(repoName: string, branchName: string, path: string, metadata: Readonly<Record<string, string>>): void {
    const repo = this.world.repository(repoName)
    const branch = this.writableBranch(repo, branchName)
    const { entry } = this.stat(repoName, branchName, path)
    const { address, addressType, checksum, size, mtimeMs, contentType } = entry
    branch.staging.set(path, { address, addressType, checksum, size, mtimeMs, contentType, metadata: { ...metadata } })
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
    return diffUncommitted(this.world, this.refs, repoName, branchName, options)
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
