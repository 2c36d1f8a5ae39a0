/**
 * Walking import sources in the fake store and mapping object keys to branch keys
 * (catalog/walk_entry_iterator.go and the s3/gs/azure/local walkers).
 */
import type { ObjectStore, StoredObject } from '../../fakestore/object-store.js'
import { type BlockstoreSettings, parseStorageUri } from '../blockstore.js'
import type { EntryRecord } from '../graveler/metarange.js'
import type { RecordSource } from '../graveler/tree-import.js'
import type { KeyFrame } from './imported-record.js'
import type { ImportPath } from './import-request.js'
import { CHUNK_RECORDS, WalkLog } from './walk-log.js'

/** An import that fails after start; its message is the status error after `import error: `. */
export class ImportFailure extends Error {}

interface SourceCursor {
  readonly source: ImportPath
  readonly listPrefix: string
  /** Characters of the listed URI to drop to get the relative key. */
  readonly relativeFrom: number
  readonly local: boolean
  after?: string
  /** Store indexing still to do before this source lists cheaply. */
  preparing?: Generator<void>
  done: boolean
  /** Its records in the walk log: `start` to `end` (exclusive); sources are walked in turn. */
  start: number
  end: number
}

/** Walks each source in turn, `limit` objects at a time; progress counts every object walked. */
export class SourceWalker {
  readonly #cursors: SourceCursor[]
  /** Every walked object, in walk order (each source's in key order). */
  readonly log = new WalkLog()

  constructor(
    private readonly store: ObjectStore,
    private readonly blockstore: BlockstoreSettings,
    sources: readonly ImportPath[]
  ) {
    this.#cursors = sources.map((s) => this.#open(s))
  }

  get done(): boolean {
    return this.#cursors.every((c) => c.done)
  }

  /**
   * About how many objects the whole walk visits, from the store's index (see ObjectStore.count);
   * undefined until every source can be counted without indexing.
   */
  estimate(): number | undefined {
    let total = 0
    for (const cursor of this.#cursors) {
      const n = cursor.local && cursor.source.type === 'object' ? 1 : this.store.count(cursor.listPrefix)
      if (n === undefined) return undefined
      total += n
    }
    return total
  }

  /**
   * Per source, its records in key order (listing order preserves key order), each to be read
   * once: a chunk of the log is let go when every source reading it is past it.
   */
  results(): RecordSource[] {
    for (const c of this.#cursors) {
      if (c.start < 0) c.start = c.end = this.log.length
      this.log.retain(c.start, c.end)
    }
    return this.#cursors.map((c) => new WalkedSource(this.log, c.start, c.end, keyFrame(c)))
  }

  /**
   * Walks up to `limit` more objects and returns how many, or -1 when it did a step of store
   * indexing instead (a slice's worth of work). Throws ImportFailure when a source cannot be walked.
   */
  step(limit: number): number {
    let n = 0
    for (const cursor of this.#cursors) {
      if (cursor.start < 0) cursor.start = cursor.end = this.log.length
      if (cursor.preparing && n === 0) {
        if (!cursor.preparing.next().done) return -1
        cursor.preparing = undefined
      }
      while (!cursor.done && n < limit) {
        const batch = this.#list(cursor, limit - n)
        for (const obj of batch) {
          if (cursor.local && isHidden(obj.uri.slice(cursor.relativeFrom)) && !this.blockstore.importHidden) continue
          this.log.append(obj.uri, obj.etag, obj.size, obj.lastModified)
          cursor.end++
          n++
        }
        if (batch.length === 0) cursor.done = true
        else cursor.after = batch[batch.length - 1]!.uri
      }
      if (n >= limit) break
    }
    return n
  }

  #list(cursor: SourceCursor, limit: number): StoredObject[] {
    if (cursor.local && cursor.source.type === 'object') {
      cursor.done = true
      const obj = this.store.stat(cursor.source.path)
      if (!obj) throw new ImportFailure(`error on ingest: stat ${cursor.source.path}: no such file or directory`)
      return [obj]
    }
    return this.store.list(cursor.listPrefix, { after: cursor.after, limit })
  }

  #open(source: ImportPath): SourceCursor {
    const uri = parseStorageUri(source.path)
    if (!uri || uri.type !== this.blockstore.type) {
      throw new ImportFailure(
        `error on ingest: creating object-store walker on path ${source.path}: expected storage type ${this.blockstore.type}: invalid address`
      )
    }
    const base = { source, done: false, start: -1, end: -1, preparing: this.store.prepare(source.path) }
    if (uri.type === 'local') {
      // Local sources name a directory; keys are paths relative to it (local/walker.go).
      const dir = uri.key.endsWith('/') ? uri.key : `${uri.key}/`
      const listPrefix = `local://${dir}`
      return { ...base, local: true, listPrefix, relativeFrom: listPrefix.length }
    }
    if (!this.store.hasBucket(uri.root)) throw new ImportFailure(`error on ingest: ${missingBucket(uri.type, uri.root)}`)
    // Cloud stores list by string prefix; keys are relative to the prefix's last `/`.
    const relativeFrom = uri.root.length + uri.key.lastIndexOf('/') + 1
    return { ...base, local: false, listPrefix: source.path, relativeFrom }
  }
}

/**
 * How a source's keys are made: the destination, then the object's path relative to the source
 * (a prefix's up to its last `/`, a directory's), or the destination alone for an object.
 */
function keyFrame(cursor: SourceCursor): KeyFrame {
  const { type, destination, path } = cursor.source
  if (type === 'object') return { prefix: destination, prefixBytes: Buffer.from(destination, 'utf8'), dropBytes: undefined }
  const prefix = destination && !destination.endsWith('/') ? `${destination}/` : destination
  // Every listed address starts with the source's own first `relativeFrom` characters.
  const source = cursor.local ? cursor.listPrefix : path
  return { prefix, prefixBytes: Buffer.from(prefix, 'utf8'), dropBytes: Buffer.byteLength(source.slice(0, cursor.relativeFrom), 'utf8') }
}

/** One source's records read back from the walk log, a record at a time, letting chunks go behind it. */
class WalkedSource implements RecordSource {
  #at: number
  #head: EntryRecord | undefined
  /**
   * A listing never gives an address twice, so a prefix's or a directory's keys are distinct; an
   * object source is listed by prefix too, and every object it finds goes to its one key.
   */
  readonly distinctKeys: boolean

  constructor(
    private readonly log: WalkLog,
    start: number,
    private readonly end: number,
    private readonly frame: KeyFrame
  ) {
    this.#at = start
    this.distinctKeys = frame.dropBytes !== undefined
    this.#head = this.#read()
  }

  get head(): EntryRecord | undefined {
    return this.#head
  }

  advance(): void {
    const at = this.#at++
    if (this.#at === this.end || this.#at % CHUNK_RECORDS === 0) this.log.release(Math.floor(at / CHUNK_RECORDS))
    this.#head = this.#read()
  }

  #read(): EntryRecord | undefined {
    return this.#at < this.end ? this.log.record(this.#at, this.frame) : undefined
  }
}

/**
 * What each store's Go client says when the bucket (or container) of a listing does not exist: the AWS
 * SDK's ListObjectsV2 error (request ids left out), the GCS client's `ErrBucketNotExist`, Azure's
 * `ContainerNotFound`. lakeFS's walker returns it as is, inside `error on ingest: `.
 */
function missingBucket(type: 's3' | 'gs' | 'azure', root: string): string {
  if (type === 's3') {
    return 'operation error S3: ListObjectsV2, https response error StatusCode: 404, api error NoSuchBucket: The specified bucket does not exist'
  }
  if (type === 'gs') return "storage: bucket doesn't exist"
  return `listing ${root}: ContainerNotFound: The specified container does not exist.`
}

function isHidden(relativePath: string): boolean {
  return relativePath.split('/').some((part) => part.startsWith('.'))
}
