/** The fake object store's interface: objects addressed by full URI, listed in byte order. */
import type { DelimitedPage, DelimitedRequest } from './delimited-listing.js'

export type { DelimitedItem, DelimitedPage, DelimitedRequest } from './delimited-listing.js'

/** What a listing or stat reports about one object (an S3 ListObjectsV2 entry, in effect). */
export interface StoredObject {
  readonly uri: string
  readonly size: number
  /** Hex digest of the object, unquoted: the MD5 of the bytes for put objects, opaque for generated ones. */
  readonly etag: string
  /** Epoch milliseconds. */
  readonly lastModified: number
  /** What the writer said the object is (put objects only). */
  readonly contentType?: string
  /** User metadata, names in lower case without a protocol's prefix (put objects only). */
  readonly metadata?: Readonly<Record<string, string>>
}

/** What a writer may say about an object beside its bytes. */
export interface PutOptions {
  readonly contentType?: string
  readonly metadata?: Readonly<Record<string, string>>
  /** The ETag to keep instead of the bytes' MD5 (a multipart upload's `<md5>-<parts>`). */
  readonly etag?: string
}

export interface ListOptions {
  /** Start strictly after this URI. */
  after?: string
  limit?: number
}

/**
 * A set of objects made on demand: URIs are enumerated only when first listed or looked up, and
 * bytes only when read, so a million generated objects cost a string each rather than a buffer.
 */
/** A sorted list of strings read by position: an array, or keys computed on demand. */
export interface SortedKeys {
  readonly length: number
  at(i: number): string | undefined
}

export interface GeneratedObjects {
  /** Every URI of the set starts with this. */
  readonly prefix: string
  /** How many URIs the set declares (before duplicates are folded). */
  readonly count: number
  /** Enumerates the URIs, in any order, in bounded steps. */
  uris(): Generator<void, string[]>
  /**
   * The URIs already in byte order without repeats, read by position, when the set can give them
   * so (then `uris` is never called); undefined when they must be enumerated and sorted.
   */
  sortedUris?(): SortedKeys | undefined
  /** What a listing shows for `uri` (one of the set's). */
  describe(uri: string): StoredObject
  /** Must return the same bytes every time. */
  bytes(uri: string, size: number): Uint8Array
}

export interface ObjectStore {
  put(uri: string, bytes: Uint8Array, lastModified: number, options?: PutOptions): StoredObject
  /**
   * Declares a bucket (an S3 or GCS bucket, an Azure container) by its URI prefix, `s3://name/`, so
   * that it exists while it holds nothing. `created` (epoch ms) is kept the first time.
   */
  createBucket(root: string, created?: number): void
  /** Forgets a declared bucket; its objects, if any, stay (callers check it is empty first). */
  deleteBucket(root: string): void
  /** The buckets whose roots start with `scheme` (`s3://`): declared ones and those holding objects, in byte order. */
  buckets(scheme: string): { root: string; created: number }[]
  /** Whether the bucket at `root` exists: declared, or holding at least one object. */
  hasBucket(root: string): boolean
  /** Adds a generated set; later puts, sets and deletes take precedence over it. */
  addGenerated(objects: GeneratedObjects): void
  stat(uri: string): StoredObject | undefined
  /** The bytes of [start, end) of the object, or all of it. */
  read(uri: string, start?: number, end?: number): Uint8Array
  delete(uri: string): boolean
  /** Objects whose URI starts with `prefix`, in UTF-8 byte order of URI. */
  list(prefix: string, options?: ListOptions): StoredObject[]
  /** A page of the bucket at `base` (`s3://b/`), keys relative to it, rolled up at the delimiter. */
  listDelimited(base: string, request: DelimitedRequest): DelimitedPage
  /**
   * Indexes what listing `prefix` needs, in bounded steps, so a caller can spread the work over
   * event-loop turns; listing without it does the same work at once.
   */
  prepare(prefix: string): Generator<void>
  /**
   * About how many objects `list(prefix)` would give, from the index alone: undefined while a
   * generated set under the prefix is not indexed yet (counting never indexes). A put that shadows
   * a generated object counts twice, so it is an upper bound.
   */
  count(prefix: string): number | undefined
  /** Objects declared: put objects plus generated sets' declared counts. */
  readonly size: number
}
