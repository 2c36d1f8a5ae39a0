/** A generated set as the memfs store holds it, and its index: its URIs in byte order. */
import type { GeneratedObjects, SortedKeys } from './object-store.js'
import { SORT_CHUNK, sortInSteps } from './sorted-chunks.js'

export interface GeneratedSet {
  readonly objects: GeneratedObjects
  readonly seq: number
  /** The URIs in byte order, once indexed. */
  sorted?: SortedKeys
  indexing?: Generator<void, SortedKeys>
}

/** Indexes a set in bounded steps: keys already in order are read by position, others sorted once. */
export function* indexSet(set: GeneratedSet): Generator<void, SortedKeys> {
  // Keys already in order are read by position, never materialized.
  const ordered = set.objects.sortedUris?.()
  if (ordered) {
    set.sorted = ordered
    set.indexing = undefined
    return ordered
  }
  const all = yield* set.objects.uris()
  const sorted = yield* sortInSteps(all)
  // Patterns may repeat a URI; it is one object. In steps too: a million comparisons take a while.
  let n = 0
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!
    if ((i + 1) % SORT_CHUNK === 0) yield
  }
  sorted.length = n
  set.sorted = sorted
  set.indexing = undefined
  return sorted
}
