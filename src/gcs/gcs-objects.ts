/**
 * The fake store as GCS sees it: bucket `b` is the store's `gs://b/`. GCS's own attributes that the
 * store does not keep (generation, metageneration, a composite's component count) live beside it,
 * per store, and fall back to what the store knows for objects written through another door.
 */
import { createHash } from 'node:crypto'
import type { ObjectStore, StoredObject } from '../fakestore/object-store.js'
import { crc32cBase64 } from './crc32c.js'
import { gcsErrors } from './gcs-errors.js'
import type { GcsCall } from './gcs-request.js'

const SCHEME = 'gs://'

/** GCS bucket names: 3–63 characters of lower-case letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit. */
export function validGcsBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/.test(name) && !name.startsWith('goog')
}

export interface Attributes {
  readonly generation: string
  metageneration: number
  readonly components?: number
  /** The store object these describe (an overwrite through another door makes them stale). */
  readonly etag: string
  readonly lastModified: number
  crc32c?: string
}

export interface GcsObject {
  readonly bucket: string
  readonly name: string
  readonly stored: StoredObject
  readonly generation: string
  readonly metageneration: number
  readonly components?: number
}

/** One request as the operations see it. */
export interface GcsContext {
  readonly request: Request
  readonly call: GcsCall
  readonly url: URL
  readonly origin: string
  readonly objects: GcsObjects
}

export interface ObjectWrite {
  readonly bytes: Uint8Array
  readonly contentType?: string
  readonly metadata?: Readonly<Record<string, string>>
  /** A composite's component count (it then has no MD5, as in GCS). */
  readonly components?: number
}

/** GCS attributes of one store's objects, by URI, and a count of writes (the server keeps one per store, so a reset starts clean). */
export interface GcsState {
  readonly attributes: Map<string, Attributes>
  writes: number
}

export class GcsObjects {
  constructor(
    private readonly store: ObjectStore,
    private readonly now: () => number,
    private readonly state: GcsState
  ) {}

  buckets(): { name: string; created: number }[] {
    return this.store.buckets(SCHEME).map((b) => ({ name: b.root.slice(SCHEME.length, -1), created: b.created }))
  }

  bucket(name: string): { name: string; created: number } {
    const found = this.buckets().find((b) => b.name === name)
    if (!found) throw gcsErrors.noBucket()
    return found
  }

  createBucket(name: string): { name: string; created: number } {
    if (!validGcsBucketName(name)) throw gcsErrors.invalid(`Invalid bucket name: '${name}'`)
    if (this.store.hasBucket(root(name))) throw gcsErrors.bucketExists()
    this.store.createBucket(root(name), this.now())
    return this.bucket(name)
  }

  deleteBucket(name: string): void {
    this.bucket(name)
    if (this.store.list(root(name), { limit: 1 }).length) throw gcsErrors.bucketNotEmpty()
    this.store.deleteBucket(root(name))
  }

  /** The object, or undefined; the bucket must exist. */
  find(bucket: string, name: string): GcsObject | undefined {
    const stored = this.store.stat(root(bucket) + name)
    if (!stored) {
      this.bucket(bucket)
      return undefined
    }
    return this.describe(bucket, name, stored)
  }

  get(bucket: string, name: string): GcsObject {
    const found = this.find(bucket, name)
    if (!found) throw gcsErrors.noObject(bucket, name)
    return found
  }

  describe(bucket: string, name: string, stored: StoredObject): GcsObject {
    const a = this.#fresh(stored)
    // Written through another door: its generation is its write time in microseconds, as GCS counts.
    return { bucket, name, stored, generation: a?.generation ?? String(stored.lastModified * 1000), metageneration: a?.metageneration ?? 1, components: a?.components }
  }

  #fresh(stored: StoredObject): Attributes | undefined {
    const a = this.state.attributes.get(stored.uri)
    return a && a.etag === stored.etag && a.lastModified === stored.lastModified ? a : undefined
  }

  read(object: GcsObject, start = 0, end = object.stored.size): Uint8Array {
    return this.store.read(object.stored.uri, start, end)
  }

  write(bucket: string, name: string, input: ObjectWrite): GcsObject {
    this.bucket(bucket)
    const now = this.now()
    // A composite has no MD5; lakeFS's walker records its ETag as the hex of that: empty.
    const etag = input.components ? '' : createHash('md5').update(input.bytes).digest('hex')
    const stored = this.store.put(root(bucket) + name, input.bytes, now, { contentType: input.contentType ?? 'application/octet-stream', metadata: input.metadata ?? {}, etag })
    // Microseconds of emulator time, and a count for writes in the same millisecond: always increasing.
    const generation = String(now * 1000 + (this.state.writes++ % 1000))
    this.state.attributes.set(stored.uri, { generation, metageneration: 1, components: input.components, etag: stored.etag, lastModified: stored.lastModified, crc32c: crc32cBase64(input.bytes) })
    return this.describe(bucket, name, stored)
  }

  /** New metadata (and content type) for the same bytes: the metageneration goes up, the generation stays. */
  patch(object: GcsObject, fields: { contentType?: string; metadata?: Readonly<Record<string, string | null>> }): GcsObject {
    const metadata = { ...object.stored.metadata }
    for (const [k, v] of Object.entries(fields.metadata ?? {})) {
      if (v === null) delete metadata[k]
      else metadata[k] = v
    }
    const bytes = this.read(object)
    const stored = this.store.put(object.stored.uri, bytes, object.stored.lastModified, { contentType: fields.contentType ?? object.stored.contentType, metadata, etag: object.stored.etag })
    const before = this.#fresh(object.stored)
    this.state.attributes.set(stored.uri, {
      generation: object.generation,
      metageneration: object.metageneration + 1,
      components: object.components,
      etag: stored.etag,
      lastModified: stored.lastModified,
      crc32c: before?.crc32c,
    })
    return this.describe(object.bucket, object.name, stored)
  }

  delete(object: GcsObject): void {
    this.store.delete(object.stored.uri)
    this.state.attributes.delete(object.stored.uri)
  }

  crc32c(object: GcsObject): string {
    const a = this.#fresh(object.stored)
    if (a?.crc32c) return a.crc32c
    const crc = crc32cBase64(this.read(object))
    if (a) a.crc32c = crc
    return crc
  }

  list(bucket: string, request: { prefix: string; delimiter: string; after: string; maxKeys: number }) {
    this.bucket(bucket)
    return this.store.listDelimited(root(bucket), request)
  }
}

/** `ifGenerationMatch` (0: must not exist), `ifGenerationNotMatch`, `ifMetagenerationMatch`, `ifMetagenerationNotMatch`. */
export function checkPreconditions(q: URLSearchParams, existing: GcsObject | undefined, write: boolean): void {
  const gen = q.get('ifGenerationMatch')
  if (gen !== null && (gen === '0' ? existing !== undefined : existing?.generation !== gen)) throw gcsErrors.preconditionFailed()
  const meta = q.get('ifMetagenerationMatch')
  if (meta !== null && String(existing?.metageneration) !== meta) throw gcsErrors.preconditionFailed()
  const notGen = q.get('ifGenerationNotMatch')
  const notMeta = q.get('ifMetagenerationNotMatch')
  if ((notGen !== null && existing?.generation === notGen) || (notMeta !== null && String(existing?.metageneration) === notMeta)) {
    throw write ? gcsErrors.preconditionFailed() : gcsErrors.notModified()
  }
}

function root(bucket: string): string {
  return `${SCHEME}${bucket}/`
}
