/**
 * The fake object store: put bytes in a memfs volume (or any fs-like object), their metadata and
 * a sorted index of URIs in memory so listing never walks the file system; generated sets are
 * indexed on first use. Where a URI is in several places, the latest put or set wins.
 */
import { createHash } from 'node:crypto'
import { Volume } from 'memfs'
import { compareBytewise, sortBytewise } from '../util/byte-order.js'
import type { DelimitedPage, DelimitedRequest, GeneratedObjects, ListOptions, ObjectStore, PutOptions, SortedKeys, StoredObject } from './object-store.js'
import { listDelimited } from './delimited-listing.js'
import { ReadCache } from './read-cache.js'
import { type GeneratedSet, indexSet } from './generated-sets.js'
import { binarySearch, countUnder, lowerBound } from './sorted-search.js'

/** The part of `fs` this store uses; memfs and node:fs both fit. */
export interface FsLike {
  writeFileSync(path: string, data: Uint8Array): void
  readFileSync(path: string): Uint8Array
  unlinkSync(path: string): void
  mkdirSync(path: string, options: { recursive: true }): unknown
}

/** memfs asks the process for its owner on every path it walks (a system call, ~5 µs each); a fixed one does. */
const VOLUME_PROCESS = Object.freeze({ cwd: () => '/', platform: 'linux', env: {}, emitWarning: () => {}, getuid: () => 0, getgid: () => 0 })

interface PutRecord {
  readonly size: number
  readonly lastModified: number
  readonly etag: string
  readonly contentType?: string
  readonly metadata?: Readonly<Record<string, string>>
  /** Where the bytes are. */
  readonly file: string
  /** Order of writes: a later put or generated set hides an earlier one at the same URI. */
  readonly seq: number
}


/** A sorted list being merged into a listing. */
interface Cursor {
  readonly uris: SortedKeys
  i: number
  readonly set?: GeneratedSet
}

export class MemfsObjectStore implements ObjectStore {
  readonly #fs: FsLike
  /** Only over a volume of its own: another's files may change behind its back. */
  readonly #recent: ReadCache | undefined
  readonly #root: string
  readonly #objects = new Map<string, PutRecord>()
  #sorted: string[] = []
  #unsorted = false
  readonly #sets: GeneratedSet[] = []
  /** Generated URIs deleted since (a put at the URI afterwards has a later seq anyway). */
  readonly #deleted = new Set<string>()
  /** Buckets declared (see createBucket), with when. */
  readonly #buckets = new Map<string, number>()
  #seq = 0

  constructor(options: { fs?: FsLike; root?: string } = {}) {
    this.#fs = options.fs ?? (Volume.fromNestedJSON({}, '/', { process: VOLUME_PROCESS }) as unknown as FsLike)
    this.#recent = options.fs ? undefined : new ReadCache()
    this.#root = options.root ?? '/objects'
    this.#fs.mkdirSync(this.#root, { recursive: true })
  }

  get size(): number {
    return this.#objects.size + this.#sets.reduce((n, s) => n + s.objects.count, 0)
  }

  put(uri: string, bytes: Uint8Array, lastModified: number, options: PutOptions = {}): StoredObject {
    const existing = this.#objects.get(uri)
    const seq = ++this.#seq
    // Files are named by sequence, not by key: S3 keys like `a` and `a/b` coexist, paths cannot.
    const file = existing?.file ?? `${this.#root}/${seq}`
    this.#recent?.forget(file)
    this.#fs.writeFileSync(file, bytes)
    const etag = options.etag ?? createHash('md5').update(bytes).digest('hex')
    if (!existing) {
      // Bulk loads append and sort once on the next listing.
      this.#sorted.push(uri)
      this.#unsorted = true
    }
    const record: PutRecord = { size: bytes.length, lastModified, etag, file, seq, contentType: options.contentType, metadata: options.metadata }
    this.#objects.set(uri, record)
    return describePut(uri, record)
  }

  createBucket(root: string, created = 0): void {
    if (!this.#buckets.has(root)) this.#buckets.set(root, created)
  }

  deleteBucket(root: string): void {
    this.#buckets.delete(root)
  }

  buckets(scheme: string): { root: string; created: number }[] {
    const roots = new Map<string, number>()
    for (const [root, created] of this.#buckets) if (root.startsWith(scheme)) roots.set(root, created)
    const rootOf = (uri: string) => uri.slice(0, uri.indexOf('/', scheme.length) + 1)
    for (const set of this.#sets) {
      const root = rootOf(set.objects.prefix)
      if (root.length > scheme.length && root.startsWith(scheme) && !roots.has(root)) roots.set(root, 0)
    }
    // Put objects are sorted: one lookup per bucket, skipping past each bucket's keys.
    const index = this.#putIndex()
    for (let i = lowerBound(index, scheme); i < index.length && index[i]!.startsWith(scheme); ) {
      const root = rootOf(index[i]!)
      if (!roots.has(root)) roots.set(root, this.#objects.get(index[i]!)!.lastModified)
      i = lowerBound(index, `${root}\u{10FFFF}`)
    }
    return [...roots].map(([root, created]) => ({ root, created })).sort((a, b) => compareBytewise(a.root, b.root))
  }

  hasBucket(root: string): boolean {
    if (this.#buckets.has(root) || this.#sets.some((s) => s.objects.prefix.startsWith(root))) return true
    return this.list(root, { limit: 1 }).length > 0
  }

  addGenerated(objects: GeneratedObjects): void {
    this.#sets.push({ objects, seq: ++this.#seq })
  }

  stat(uri: string): StoredObject | undefined {
    const put = this.#objects.get(uri)
    const set = this.#setOf(uri, put)
    if (set) return describeGenerated(set, uri)
    return put && describePut(uri, put)
  }

  read(uri: string, start = 0, end?: number): Uint8Array {
    const put = this.#objects.get(uri)
    const set = this.#setOf(uri, put)
    if (!set && !put) throw new Error(`no object at ${uri}`)
    const file = put?.file
    const bytes = set ? set.objects.bytes(uri, set.objects.describe(uri).size) : this.#recent ? this.#recent.get(file!, () => this.#fs.readFileSync(file!)) : this.#fs.readFileSync(file!)
    return start === 0 && (end === undefined || end >= bytes.length) ? bytes : bytes.subarray(start, end)
  }

  delete(uri: string): boolean {
    const existed = this.stat(uri) !== undefined
    const put = this.#objects.get(uri)
    if (put) {
      this.#recent?.forget(put.file)
      this.#fs.unlinkSync(put.file)
      this.#objects.delete(uri)
      this.#sorted = this.#putIndex().filter((u) => u !== uri)
    }
    if (this.#sets.some((s) => uri.startsWith(s.objects.prefix))) this.#deleted.add(uri)
    return existed
  }

  *prepare(prefix: string): Generator<void> {
    for (const set of this.#sets) {
      if (!overlaps(set.objects.prefix, prefix) || set.sorted) continue
      // Several imports may drive one set's indexing in turns: each holds the generator, since the
      // set forgets it once indexed.
      const indexing = (set.indexing ??= indexSet(set))
      for (let step = indexing.next(); !step.done; step = indexing.next()) yield
    }
  }

  count(prefix: string): number | undefined {
    let n = countUnder(this.#putIndex(), prefix)
    for (const set of this.#sets) {
      if (!overlaps(set.objects.prefix, prefix)) continue
      if (!set.sorted) return undefined
      n += countUnder(set.sorted, prefix)
    }
    for (const uri of this.#deleted) if (uri.startsWith(prefix) && !this.#objects.has(uri)) n--
    return Math.max(0, n)
  }

  listDelimited(base: string, request: DelimitedRequest): DelimitedPage {
    return listDelimited(this, base, request)
  }

  list(prefix: string, options: ListOptions = {}): StoredObject[] {
    const from = options.after && compareBytewise(options.after, prefix) >= 0 ? options.after : prefix
    const limit = options.limit ?? Infinity
    const cursors: Cursor[] = [{ uris: this.#putIndex(), i: 0 }]
    for (const set of this.#sets) if (overlaps(set.objects.prefix, prefix)) cursors.push({ uris: this.#index(set), i: 0, set })
    for (const c of cursors) {
      c.i = lowerBound(c.uris, from)
      if (c.uris.at(c.i) === options.after) c.i++
    }
    const live = cursors.filter((c) => c.i < c.uris.length && c.uris.at(c.i)!.startsWith(prefix))
    const out: StoredObject[] = []
    if (live.length === 1) {
      // The usual case: one source under the prefix, listed without merging.
      const c = live[0]!
      for (; c.i < c.uris.length && out.length < limit; c.i++) {
        const uri = c.uris.at(c.i)!
        if (!uri.startsWith(prefix)) break
        const obj = this.#visible(uri, c)
        if (obj) out.push(obj)
      }
      return out
    }
    while (live.length && out.length < limit) {
      let min = live[0]!.uris.at(live[0]!.i)!
      for (const c of live) {
        const uri = c.uris.at(c.i)!
        if (compareBytewise(uri, min) < 0) min = uri
      }
      let winner: Cursor | undefined
      for (const c of live) {
        if (c.uris.at(c.i) !== min) continue
        if (!winner || seqOf(this.#objects, c, min) > seqOf(this.#objects, winner, min)) winner = c
        c.i++
      }
      const obj = this.#visible(min, winner!)
      if (obj) out.push(obj)
      for (let k = live.length - 1; k >= 0; k--) {
        const c = live[k]!
        if (c.i >= c.uris.length || !c.uris.at(c.i)!.startsWith(prefix)) live.splice(k, 1)
      }
    }
    return out
  }

  /**
   * The object at `uri` as listed from `cursor`. A later put or set at the same URI would be a
   * live cursor too, so the merge has already picked the latest; only deletes remain to check.
   */
  #visible(uri: string, cursor: Cursor): StoredObject | undefined {
    if (cursor.set) return this.#deleted.size && this.#deleted.has(uri) ? undefined : describeGenerated(cursor.set, uri)
    return describePut(uri, this.#objects.get(uri)!)
  }

  /** The latest generated set holding `uri` and not hidden by a later put (`put`, the one at `uri`) or a delete. */
  #setOf(uri: string, put: PutRecord | undefined): GeneratedSet | undefined {
    if (this.#sets.length === 0) return undefined
    let best: GeneratedSet | undefined
    for (const set of this.#sets) {
      if ((put && set.seq < put.seq) || (best && set.seq < best.seq) || !uri.startsWith(set.objects.prefix)) continue
      if (binarySearch(this.#index(set), uri)) best = set
    }
    return best && !this.#deleted.has(uri) ? best : undefined
  }

  #putIndex(): string[] {
    if (this.#unsorted) {
      sortBytewise(this.#sorted)
      this.#unsorted = false
    }
    return this.#sorted
  }

  /** A set's sorted URIs, indexing it now if `prepare` has not. */
  #index(set: GeneratedSet): SortedKeys {
    if (!set.sorted) {
      const indexing = (set.indexing ??= indexSet(set))
      for (let step = indexing.next(); !step.done; step = indexing.next());
    }
    return set.sorted!
  }
}

function describePut(uri: string, put: PutRecord): StoredObject {
  const { size, etag, lastModified, contentType, metadata } = put
  return contentType === undefined && metadata === undefined ? { uri, size, etag, lastModified } : { uri, size, etag, lastModified, contentType, metadata }
}

function describeGenerated(set: GeneratedSet, uri: string): StoredObject {
  return set.objects.describe(uri)
}

function seqOf(objects: ReadonlyMap<string, PutRecord>, c: Cursor, uri: string): number {
  return c.set ? c.set.seq : objects.get(uri)!.seq
}

/** Could a URI start with both `a` and `b`? */
function overlaps(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a)
}
