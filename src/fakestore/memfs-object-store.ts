/**
 * The fake object store: bytes in a memfs volume (or any fs-like object), metadata and a sorted
 * index of URIs in memory so listing never walks the file system.
 */
import { createHash } from 'node:crypto'
import { Volume } from 'memfs'
import { compareBytewise } from '../util/byte-order.js'
import type { GeneratedContent, ListOptions, ObjectStore, StoredObject } from './object-store.js'

/** The part of `fs` this store uses; memfs and node:fs both fit. */
export interface FsLike {
  writeFileSync(path: string, data: Uint8Array): void
  readFileSync(path: string): Uint8Array
  unlinkSync(path: string): void
  mkdirSync(path: string, options: { recursive: true }): unknown
}

interface ObjectRecord {
  size: number
  lastModified: number
  etag?: string
  /** Where the bytes are, for objects that were put. */
  file?: string
  generated?: GeneratedContent
}

export class MemfsObjectStore implements ObjectStore {
  readonly #fs: FsLike
  readonly #root: string
  readonly #objects = new Map<string, ObjectRecord>()
  #sorted: string[] = []
  #unsorted = false
  #fileSeq = 0

  constructor(options: { fs?: FsLike; root?: string } = {}) {
    this.#fs = options.fs ?? (new Volume() as unknown as FsLike)
    this.#root = options.root ?? '/objects'
    this.#fs.mkdirSync(this.#root, { recursive: true })
  }

  get size(): number {
    return this.#objects.size
  }

  put(uri: string, bytes: Uint8Array, lastModified: number): StoredObject {
    const existing = this.#objects.get(uri)
    // Files are named by sequence, not by key: S3 keys like `a` and `a/b` coexist, paths cannot.
    const file = existing?.file ?? `${this.#root}/${++this.#fileSeq}`
    this.#fs.writeFileSync(file, bytes)
    const etag = createHash('md5').update(bytes).digest('hex')
    this.#set(uri, { size: bytes.length, lastModified, etag, file })
    return { uri, size: bytes.length, etag, lastModified }
  }

  putGenerated(uri: string, content: GeneratedContent): void {
    const existing = this.#objects.get(uri)
    if (existing?.file) this.#fs.unlinkSync(existing.file)
    this.#set(uri, { size: content.size, lastModified: content.lastModified, generated: content })
  }

  #set(uri: string, record: ObjectRecord): void {
    if (!this.#objects.has(uri)) {
      // Bulk loads append and sort once on the next listing.
      this.#sorted.push(uri)
      this.#unsorted = true
    }
    this.#objects.set(uri, record)
  }

  stat(uri: string): StoredObject | undefined {
    const record = this.#objects.get(uri)
    return record && this.#describe(uri, record)
  }

  read(uri: string, start = 0, end?: number): Uint8Array {
    const record = this.#objects.get(uri)
    if (!record) throw new Error(`no object at ${uri}`)
    const bytes = this.#bytes(record)
    return start === 0 && (end === undefined || end >= bytes.length)
      ? bytes
      : bytes.subarray(start, end)
  }

  delete(uri: string): boolean {
    const record = this.#objects.get(uri)
    if (!record) return false
    if (record.file) this.#fs.unlinkSync(record.file)
    this.#objects.delete(uri)
    this.#sorted = this.#index().filter((u) => u !== uri)
    return true
  }

  list(prefix: string, options: ListOptions = {}): StoredObject[] {
    const index = this.#index()
    const from = options.after && compareBytewise(options.after, prefix) >= 0 ? options.after : prefix
    let i = lowerBound(index, from)
    if (index[i] === options.after) i++
    const limit = options.limit ?? Infinity
    const out: StoredObject[] = []
    for (; i < index.length && out.length < limit; i++) {
      const uri = index[i]!
      if (!uri.startsWith(prefix)) break
      out.push(this.#describe(uri, this.#objects.get(uri)!))
    }
    return out
  }

  #index(): string[] {
    if (this.#unsorted) {
      this.#sorted.sort(compareBytewise)
      this.#unsorted = false
    }
    return this.#sorted
  }

  #bytes(record: ObjectRecord): Uint8Array {
    if (record.generated) return record.generated.generate()
    return this.#fs.readFileSync(record.file!)
  }

  #describe(uri: string, record: ObjectRecord): StoredObject {
    // Generated objects hash their bytes only when first listed or stat'ed, then keep the ETag.
    record.etag ??= createHash('md5').update(this.#bytes(record)).digest('hex')
    return { uri, size: record.size, etag: record.etag, lastModified: record.lastModified }
  }
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compareBytewise(sorted[mid]!, key) < 0) lo = mid + 1
    else hi = mid
  }
  return lo
}
