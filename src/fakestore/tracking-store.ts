/**
 * An object store that remembers what changed in it once tracking starts: the latest put or delete
 * of each URI and the buckets declared or forgotten, in the order they last changed. A data
 * directory saves these changes (the rest comes back from the scenario) and replays them on start.
 */
import type { DelimitedPage, DelimitedRequest, GeneratedObjects, ListOptions, ObjectStore, PutOptions, StoredObject } from './object-store.js'

/** One URI's latest change: what a put stored (and where its bytes were kept), or a delete. */
export type ObjectChange = { readonly kind: 'put'; readonly object: StoredObject; readonly blob: string } | { readonly kind: 'delete' }

export interface StoreChanges {
  readonly objects: ReadonlyMap<string, ObjectChange>
  /** Bucket roots declared (with when) or forgotten (null). */
  readonly buckets: ReadonlyMap<string, number | null>
}

export class TrackingStore implements ObjectStore {
  readonly #objects = new Map<string, ObjectChange>()
  readonly #buckets = new Map<string, number | null>()
  #tracking = false

  /** `keep` stores a put's bytes somewhere lasting and names where (called only while tracking). */
  constructor(
    readonly inner: ObjectStore,
    private readonly keep: (bytes: Uint8Array) => string
  ) {}

  /** Changes from now on are remembered (until `reset`). */
  track(): void {
    this.#tracking = true
  }

  /**
   * Applies changes saved earlier (in their order) and remembers them as its own, then tracks:
   * a put's bytes come from `readBlob`, its ETag and times as they were.
   */
  replay(saved: { readonly objects: readonly (readonly [string, ObjectChange])[]; readonly buckets: readonly (readonly [string, number | null])[] }, readBlob: (name: string) => Uint8Array): void {
    for (const [root, created] of saved.buckets) {
      if (created === null) this.inner.deleteBucket(root)
      else this.inner.createBucket(root, created)
      this.#buckets.set(root, created)
    }
    for (const [uri, change] of saved.objects) {
      if (change.kind === 'delete') this.inner.delete(uri)
      else {
        const { lastModified, etag, contentType, metadata } = change.object
        this.inner.put(uri, readBlob(change.blob), lastModified, { etag, contentType, metadata })
      }
      this.#objects.set(uri, change)
    }
    this.#tracking = true
  }

  get changes(): StoreChanges {
    return { objects: this.#objects, buckets: this.#buckets }
  }

  #note<K, V>(map: Map<K, V>, key: K, value: V): void {
    if (!this.#tracking) return
    map.delete(key)
    map.set(key, value)
  }

  put(uri: string, bytes: Uint8Array, lastModified: number, options?: PutOptions): StoredObject {
    const stored = this.inner.put(uri, bytes, lastModified, options)
    if (this.#tracking) this.#note(this.#objects, uri, { kind: 'put', object: stored, blob: this.keep(bytes) })
    return stored
  }

  delete(uri: string): boolean {
    const deleted = this.inner.delete(uri)
    if (deleted) this.#note(this.#objects, uri, { kind: 'delete' })
    return deleted
  }

  createBucket(root: string, created?: number): void {
    this.inner.createBucket(root, created)
    if (!this.#tracking) return
    // The store keeps the first creation time; remember the one it kept.
    const kept = this.inner.buckets(root.slice(0, root.indexOf('://') + 3)).find((b) => b.root === root)
    this.#note(this.#buckets, root, kept?.created ?? created ?? 0)
  }

  deleteBucket(root: string): void {
    this.inner.deleteBucket(root)
    this.#note(this.#buckets, root, null)
  }

  buckets(scheme: string): { root: string; created: number }[] {
    return this.inner.buckets(scheme)
  }

  hasBucket(root: string): boolean {
    return this.inner.hasBucket(root)
  }

  addGenerated(objects: GeneratedObjects): void {
    this.inner.addGenerated(objects)
  }

  stat(uri: string): StoredObject | undefined {
    return this.inner.stat(uri)
  }

  read(uri: string, start?: number, end?: number): Uint8Array {
    return this.inner.read(uri, start, end)
  }

  list(prefix: string, options?: ListOptions): StoredObject[] {
    return this.inner.list(prefix, options)
  }

  listDelimited(base: string, request: DelimitedRequest): DelimitedPage {
    return this.inner.listDelimited(base, request)
  }

  prepare(prefix: string): Generator<void> {
    return this.inner.prepare(prefix)
  }

  count(prefix: string): number | undefined {
    return this.inner.count(prefix)
  }

  get size(): number {
    return this.inner.size
  }
}
