/**
 * What an S3 front door serves: the port the S3 layer declares, implemented over the fake store
 * (`store-backend.ts`) and over lakeFS's catalog (`gateway-backend.ts`). Keys are whole S3 keys;
 * for the gateway that is `<ref>/<path>`.
 */

export interface S3ObjectInfo {
  readonly key: string
  readonly size: number
  /** Unquoted; `<md5>-<parts>` for a multipart upload where the store keeps it so. */
  readonly etag: string
  /** Epoch milliseconds. */
  readonly lastModified: number
  readonly contentType?: string
  /** User metadata as S3 answers it: header name (`x-amz-meta-...`) to value. */
  readonly metadata: Readonly<Record<string, string>>
}

export type ListItem = { readonly kind: 'object'; readonly object: S3ObjectInfo } | { readonly kind: 'prefix'; readonly prefix: string }

export interface ListRequest {
  readonly prefix: string
  readonly delimiter: string
  /** List strictly after this key. */
  readonly after: string
  readonly maxKeys: number
}

export interface ListPage {
  readonly items: readonly ListItem[]
  readonly truncated: boolean
}

export interface PutInput {
  readonly bytes: Uint8Array
  readonly contentType?: string
  /** `x-amz-meta-*` request headers, names in lower case. */
  readonly metadata: Readonly<Record<string, string>>
  /** The ETag to record instead of the bytes' MD5 (a completed multipart upload's). */
  readonly etag?: string
  /** `If-None-Match: *`: fail with PreconditionFailed when the key exists. */
  readonly ifNoneMatch?: string
}

export interface S3Backend {
  listBuckets(): readonly { readonly name: string; readonly creationDate: number }[]
  createBucket(bucket: string): void
  /** Throws NoSuchBucket when the bucket does not exist. */
  headBucket(bucket: string): void
  deleteBucket(bucket: string): void
  list(bucket: string, request: ListRequest): ListPage
  /** Throws NoSuchKey (or the store's own error) when there is no object. */
  stat(bucket: string, key: string): S3ObjectInfo
  /** Bytes [start, end) of an object `stat` gave. */
  read(bucket: string, object: S3ObjectInfo, start: number, end: number): Uint8Array
  put(bucket: string, key: string, input: PutInput): S3ObjectInfo
  /** `replace`: new content type and metadata (x-amz-metadata-directive: REPLACE). */
  copy(source: { bucket: string; key: string }, bucket: string, key: string, replace?: Pick<PutInput, 'contentType' | 'metadata'>): S3ObjectInfo
  delete(bucket: string, key: string): void
  /** Where a multipart upload may be started, checked before one is (throws as `put` would). */
  checkWritable(bucket: string, key: string): void
}
