/**
 * The fake store as Azure Blob Storage sees it: container `c` of account `a` is the store's
 * `https://a.blob.core.windows.net/c/`, the URI lakeFS imports. A blob's ETag is the store's (Azure's
 * form, `0x8D...`, which lakeFS's walker records), its Content-MD5 and staged blocks live beside it.
 */
import { createHash } from 'node:crypto'
import type { ObjectStore, StoredObject } from '../fakestore/object-store.js'
import { azureErrors } from './azure-errors.js'

/** Per store: blobs' Content-MD5 (by URI), staged blocks (by blob URI, then block id), containers' metadata, writes. */
export interface AzureState {
  readonly md5: Map<string, string | undefined>
  readonly blocks: Map<string, Map<string, Uint8Array>>
  readonly containerMetadata: Map<string, Record<string, string>>
  writes: number
}

export interface BlobWrite {
  readonly bytes: Uint8Array
  readonly contentType?: string
  readonly metadata?: Readonly<Record<string, string>>
  /** Content-MD5 to keep (base64); `compute` for Put Blob, which the service hashes itself. */
  readonly md5?: string | 'compute'
}

/** .NET ticks (100 ns since 0001-01-01) of a time, in hex: the shape of Azure's ETags, `0x8DC...`. */
function etagAt(ms: number, count: number): string {
  return `0x${(BigInt(ms) * 10000n + 621355968000000000n + BigInt(count)).toString(16).toUpperCase()}`
}

/** Container names: 3–63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit. */
export function validContainerName(name: string): boolean {
  return /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(name)
}

export class AzureBlobs {
  constructor(
    private readonly store: ObjectStore,
    private readonly account: string,
    private readonly now: () => number,
    readonly state: AzureState
  ) {}

  root(container: string): string {
    return `https://${this.account}.blob.core.windows.net/${container}/`
  }

  containers(): { name: string; created: number }[] {
    const prefix = `https://${this.account}.blob.core.windows.net/`
    return this.store.buckets('https://').filter((b) => b.root.startsWith(prefix)).map((b) => ({ name: b.root.slice(prefix.length, -1), created: b.created }))
  }

  container(name: string): { name: string; created: number } {
    const found = this.containers().find((c) => c.name === name)
    if (!found) throw azureErrors.noContainer()
    return found
  }

  createContainer(name: string, metadata: Record<string, string>): void {
    if (!validContainerName(name)) throw azureErrors.invalidContainerName()
    if (this.store.hasBucket(this.root(name))) throw azureErrors.containerExists()
    this.store.createBucket(this.root(name), this.now())
    this.state.containerMetadata.set(this.root(name), metadata)
  }

  /** Azure deletes a container with its blobs. */
  deleteContainer(name: string): void {
    this.container(name)
    const root = this.root(name)
    for (let batch = this.store.list(root, { limit: 1000 }); batch.length; batch = this.store.list(root, { limit: 1000 })) for (const o of batch) this.store.delete(o.uri)
    this.store.deleteBucket(root)
    this.state.containerMetadata.delete(root)
  }

  find(container: string, blob: string): StoredObject | undefined {
    const stored = this.store.stat(this.root(container) + blob)
    if (!stored) this.container(container)
    return stored
  }

  get(container: string, blob: string): StoredObject {
    const found = this.find(container, blob)
    if (!found) throw azureErrors.noBlob()
    return found
  }

  md5(stored: StoredObject): string | undefined {
    return this.state.md5.get(stored.uri)
  }

  read(stored: StoredObject, start = 0, end = stored.size): Uint8Array {
    return this.store.read(stored.uri, start, end)
  }

  write(container: string, blob: string, input: BlobWrite): StoredObject {
    this.container(container)
    const uri = this.root(container) + blob
    const now = this.now()
    const etag = etagAt(now, this.state.writes++ % 10000)
    const stored = this.store.put(uri, input.bytes, now, { contentType: input.contentType ?? 'application/octet-stream', metadata: input.metadata ?? {}, etag })
    this.state.md5.set(uri, input.md5 === 'compute' ? createHash('md5').update(input.bytes).digest('base64') : input.md5)
    this.state.blocks.delete(uri)
    return stored
  }

  /** New properties or metadata for the same bytes: a new ETag, as Azure gives. */
  rewrite(stored: StoredObject, fields: { contentType?: string; metadata?: Readonly<Record<string, string>>; md5?: string }): StoredObject {
    const now = this.now()
    const md5 = fields.md5 ?? this.state.md5.get(stored.uri)
    const next = this.store.put(stored.uri, this.read(stored), now, {
      contentType: fields.contentType ?? stored.contentType,
      metadata: fields.metadata ?? stored.metadata ?? {},
      etag: etagAt(now, this.state.writes++ % 10000),
    })
    this.state.md5.set(stored.uri, md5)
    return next
  }

  delete(stored: StoredObject): void {
    this.store.delete(stored.uri)
    this.state.md5.delete(stored.uri)
  }

  stage(container: string, blob: string, id: string, bytes: Uint8Array): void {
    this.container(container)
    const uri = this.root(container) + blob
    let blocks = this.state.blocks.get(uri)
    if (!blocks) this.state.blocks.set(uri, (blocks = new Map()))
    blocks.set(id, bytes)
  }

  staged(container: string, blob: string): ReadonlyMap<string, Uint8Array> {
    return this.state.blocks.get(this.root(container) + blob) ?? new Map()
  }

  list(container: string, request: { prefix: string; delimiter: string; after: string; maxKeys: number }) {
    this.container(container)
    return this.store.listDelimited(this.root(container), request)
  }
}
