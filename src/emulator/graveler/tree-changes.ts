/**
 * Applying a branch's staged changes to its committed tree (graveler Commit): staged entries
 * replace or add keys, staged deletes remove them, and ranges no change touches are reused whole.
 */
import { compareBytewise } from '../../util/byte-order.js'
import type { Entry } from './entry.js'
import { type MetaRange, MetaRangeWriter, type RangeStore } from './metarange.js'

export interface Change {
  readonly key: string
  /** `null` deletes the key. */
  readonly entry: Entry | null
}

/** A new metarange: `base` with `changes` (sorted by key, unique) applied. */
export function applyChanges(store: RangeStore, baseMetaRangeId: string, changes: readonly Change[]): MetaRange {
  const writer = new MetaRangeWriter(store)
  let i = 0
  const emitChangesBefore = (limit: string | undefined) => {
    while (i < changes.length && (limit === undefined || compareBytewise(changes[i]!.key, limit) < 0)) {
      const c = changes[i++]!
      if (c.entry) writer.add({ key: c.key, entry: c.entry })
    }
  }
  for (const range of store.metaRange(baseMetaRangeId).ranges) {
    emitChangesBefore(range.minKey)
    const next = changes[i]
    const untouched = next === undefined || compareBytewise(next.key, range.maxKey) > 0
    if (untouched && writer.atBoundary) {
      writer.addRange(range)
      continue
    }
    for (const record of store.range(range.id)) {
      emitChangesBefore(record.key)
      const change = changes[i]
      if (change && change.key === record.key) {
        i++
        if (change.entry) writer.add({ key: change.key, entry: change.entry })
      } else {
        writer.add(record)
      }
    }
  }
  emitChangesBefore(undefined)
  return writer.close()
}

/** A branch's staging area as sorted changes. */
export function stagedChanges(staging: ReadonlyMap<string, Entry | null>): Change[] {
  return [...staging.keys()].sort(compareBytewise).map((key) => ({ key, entry: staging.get(key) ?? null }))
}
