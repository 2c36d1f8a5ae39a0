/** The fake object store's interface: objects addressed by full URI, listed in byte order. */

/** What a listing or stat reports about one object (an S3 ListObjectsV2 entry, in effect). */
export interface StoredObject {
  readonly uri: string
  readonly size: number
  /** Hex MD5 of the bytes, unquoted. */
  readonly etag: string
  /** Epoch milliseconds. */
  readonly lastModified: number
}

export interface ListOptions {
  /** Start strictly after this URI. */
  after?: string
  limit?: number
}

/** Content made on demand, so a million generated objects need no million buffers. */
export interface GeneratedContent {
  readonly size: number
  readonly lastModified: number
  /** Must return the same bytes every time. */
  generate(): Uint8Array
}

export interface ObjectStore {
  put(uri: string, bytes: Uint8Array, lastModified: number): StoredObject
  putGenerated(uri: string, content: GeneratedContent): void
  stat(uri: string): StoredObject | undefined
  /** The bytes of [start, end) of the object, or all of it. */
  read(uri: string, start?: number, end?: number): Uint8Array
  delete(uri: string): boolean
  /** Objects whose URI starts with `prefix`, in UTF-8 byte order of URI. */
  list(prefix: string, options?: ListOptions): StoredObject[]
  readonly size: number
}
