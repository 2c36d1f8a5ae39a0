/**
 * The fake object store as S3 sees it: bucket `b` is the store's `s3://b/`, keys are what follows.
 * What a client writes here is what an import walks; what a scenario generates is listed and read
 * here. S3's rules apply: buckets must exist, names must be valid, a bucket must be empty to go.
 */
import type { ObjectStore, StoredObject } from '../fakestore/object-store.js'
import type { ListItem, ListPage, ListRequest, PutInput, S3Backend, S3ObjectInfo } from './s3-backend.js'
import { s3Errors } from './s3-errors.js'

const SCHEME = 's3://'
const META = 'x-amz-meta-'

/** S3's bucket naming rules (general purpose buckets). */
export function validBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) && !/\.\.|^\d+\.\d+\.\d+\.\d+$|^xn--|-s3alias$/.test(name)
}

export class StoreBackend implements S3Backend {
  constructor(
    private readonly store: ObjectStore,
    private readonly now: () => number
  ) {}

  listBuckets() {
    return this.store.buckets(SCHEME).map((b) => ({ name: b.root.slice(SCHEME.length, -1), creationDate: b.created }))
  }

  createBucket(bucket: string): void {
    if (!validBucketName(bucket)) throw s3Errors.invalidBucketName({ BucketName: bucket })
    if (this.store.hasBucket(root(bucket))) throw s3Errors.bucketAlreadyOwnedByYou({ BucketName: bucket })
    this.store.createBucket(root(bucket), this.now())
  }

  headBucket(bucket: string): void {
    if (!this.store.hasBucket(root(bucket))) throw s3Errors.noSuchBucket({ BucketName: bucket })
  }

  deleteBucket(bucket: string): void {
    this.headBucket(bucket)
    if (this.store.list(root(bucket), { limit: 1 }).length) throw s3Errors.bucketNotEmpty({ BucketName: bucket })
    this.store.deleteBucket(root(bucket))
  }

  list(bucket: string, req: ListRequest): ListPage {
    this.headBucket(bucket)
    const page = this.store.listDelimited(root(bucket), req)
    const items = page.items.map((i): ListItem => (i.kind === 'prefix' ? i : { kind: 'object', object: describe(i.key, i.stored) }))
    return { items, truncated: page.truncated }
  }

  stat(bucket: string, key: string): S3ObjectInfo {
    const stored = this.store.stat(root(bucket) + key)
    if (stored) return describe(key, stored)
    this.headBucket(bucket)
    throw s3Errors.noSuchKey({ Key: key })
  }

  read(bucket: string, object: S3ObjectInfo, start: number, end: number): Uint8Array {
    return this.store.read(root(bucket) + object.key, start, end)
  }

  put(bucket: string, key: string, input: PutInput): S3ObjectInfo {
    this.checkWritable(bucket, key)
    if (input.ifNoneMatch === '*' && this.store.stat(root(bucket) + key)) throw s3Errors.preconditionFailed({ Condition: 'If-None-Match' })
    const metadata = Object.fromEntries(Object.entries(input.metadata).map(([name, value]) => [name.slice(META.length), value]))
    const stored = this.store.put(root(bucket) + key, input.bytes, this.now(), { contentType: input.contentType ?? 'binary/octet-stream', metadata, etag: input.etag })
    return describe(key, stored)
  }

  copy(source: { bucket: string; key: string }, bucket: string, key: string, replace?: Pick<PutInput, 'contentType' | 'metadata'>): S3ObjectInfo {
    const from = this.stat(source.bucket, source.key)
    if (source.bucket === bucket && source.key === key && !replace) throw s3Errors.invalidCopyDest()
    const bytes = this.read(source.bucket, from, 0, from.size)
    const fields = replace ?? { contentType: from.contentType, metadata: from.metadata }
    return this.put(bucket, key, { bytes, ...fields })
  }

  delete(bucket: string, key: string): void {
    this.headBucket(bucket)
    this.store.delete(root(bucket) + key)
  }

  checkWritable(bucket: string, _key: string): void {
    this.headBucket(bucket)
  }
}

const root = (bucket: string): string => `${SCHEME}${bucket}/`

function describe(key: string, stored: StoredObject): S3ObjectInfo {
  const metadata: Record<string, string> = {}
  for (const [name, value] of Object.entries(stored.metadata ?? {})) metadata[META + name] = value
  return { key, size: stored.size, etag: stored.etag, lastModified: stored.lastModified, contentType: stored.contentType, metadata }
}
