/**
 * Differences between two committed trees (graveler committed/diff.go): ranges with equal IDs are
 * skipped whole, so diffing a large import against its parent reads only the ranges that changed.
 */
import { compareBytewise } from '../../util/byte-order.js'
import type { StoredIdentity } from './encoded-range.js'
import { type Entry, entryIdentity } from './entry.js'
import type { RangeStore } from './metarange.js'
import { TreeCursor } from './tree-cursor.js'

export type ChangeType = 'added' | 'removed' | 'changed'

export interface TreeChange {
  readonly key: string
  readonly type: ChangeType
  readonly left?: Entry
  readonly right?: Entry
}

const identities = new WeakMap<Entry, string>()

/** An entry's identity (size, ETag, user metadata, content type) as hex, cached per entry. */
export function identityOf(entry: Entry): string {
  // A committed entry read back from its range carries the identity its record stores.
  const stored = (entry as Partial<StoredIdentity>).identityHex
  if (stored !== undefined) return stored
  let id = identities.get(entry)
  if (id === undefined) {
    id = entryIdentity(entry).toString('hex')
    identities.set(entry, id)
  }
  return id
}

export function sameEntry(a: Entry | undefined, b: Entry | undefined): boolean {
  if (!a || !b) return a === b
  return a === b || identityOf(a) === identityOf(b)
}

/**
 * Changes from `leftId` to `rightId` in key order: `added` means present only on the right. With
 * `from`, the changes at keys from it on (records before it are not read).
 */
export function* diffTrees(store: RangeStore, leftId: string, rightId: string, from = ''): Generator<TreeChange> {
  if (leftId === rightId) return
  const left = new TreeCursor(store, leftId, from)
  const right = new TreeCursor(store, rightId, from)
  let haveLeft = left.next()
  let haveRight = right.next()
  while (haveLeft && haveRight) {
    const l = left.record
    const r = right.record
    if (!l && !r) {
      if (left.range.id === right.range.id) {
        haveLeft = left.nextRange()
        haveRight = right.nextRange()
        continue
      }
      const order = compareBytewise(left.range.minKey, right.range.minKey)
      if (order <= 0) haveLeft = left.next()
      if (order >= 0) haveRight = right.next()
      continue
    }
    if (!l) {
      // Left is at a header: emit right's records that come before it, else enter it.
      if (compareBytewise(left.range.minKey, r!.key) > 0) {
        yield { key: r!.key, type: 'added', right: r!.entry }
        haveRight = right.next()
      } else haveLeft = left.next()
      continue
    }
    if (!r) {
      if (compareBytewise(right.range.minKey, l.key) > 0) {
        yield { key: l.key, type: 'removed', left: l.entry }
        haveLeft = left.next()
      } else haveRight = right.next()
      continue
    }
    const order = compareBytewise(l.key, r.key)
    if (order < 0) {
      yield { key: l.key, type: 'removed', left: l.entry }
      haveLeft = left.next()
    } else if (order > 0) {
      yield { key: r.key, type: 'added', right: r.entry }
      haveRight = right.next()
    } else {
      if (!sameEntry(l.entry, r.entry)) yield { key: l.key, type: 'changed', left: l.entry, right: r.entry }
      haveLeft = left.next()
      haveRight = right.next()
    }
  }
  for (; haveLeft; haveLeft = left.next()) {
    const l = left.record
    if (l) yield { key: l.key, type: 'removed', left: l.entry }
  }
  for (; haveRight; haveRight = right.next()) {
    const r = right.record
    if (r) yield { key: r.key, type: 'added', right: r.entry }
  }
}
