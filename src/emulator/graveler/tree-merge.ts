/**
 * Three-way merge of committed trees (graveler committed/merge.go): walk source and destination
 * side by side, decide whole ranges from their IDs where the base allows, and only step into a
 * range when both sides changed it. Conflicts fail the merge unless a strategy picks a side.
 */
import { compareBytewise } from '../../util/byte-order.js'
import type { Entry } from './entry.js'
import { errors } from '../errors.js'
import { lowerBound, type EntryRecord, type MetaRange, MetaRangeWriter, type RangeInfo, type RangeStore } from './metarange.js'
import { TreeCursor } from './tree-cursor.js'
import { diffTrees, sameEntry, type TreeChange } from './tree-diff.js'

export type MergeStrategy = 'none' | 'dest-wins' | 'source-wins'

export interface MergeTrees {
  readonly destination: string
  readonly source: string
  readonly base: string
  readonly strategy: MergeStrategy
  /** Merge even when the source brings nothing new (lakeFS `allow_empty` / `force`). */
  readonly allowEmpty?: boolean
}

/**
 * The merged metarange ID (committed/manager.go Merge). Nothing new on the source is "no
 * changes"; an untouched destination takes the source tree as it is.
 */
export function mergeTrees(store: RangeStore, m: MergeTrees): string {
  if (m.source === m.base && !m.allowEmpty) throw errors.noMergeChanges()
  if (m.destination === m.base) return m.source
  return new Merger(store, m).run().id
}

/** Base lookups by key and by range, as the merge asks them. */
class Base {
  readonly #ranges: readonly RangeInfo[]
  constructor(
    private readonly store: RangeStore,
    private readonly id: string
  ) {
    this.#ranges = store.metaRange(id).ranges
  }

  get(key: string): Entry | undefined {
    return this.store.get(this.id, key)
  }

  /** The first base range overlapping `[r.minKey, r.maxKey]`, if any. */
  overlapping(r: RangeInfo): RangeInfo | undefined {
    const i = lowerBound(this.#ranges.length, (j) => compareBytewise(this.#ranges[j]!.maxKey, r.minKey) < 0)
    const found = this.#ranges[i]
    return found && compareBytewise(found.minKey, r.maxKey) <= 0 ? found : undefined
  }
}

class Merger {
  readonly #writer: MetaRangeWriter
  readonly #base: Base
  readonly #source: TreeCursor
  readonly #dest: TreeCursor
  #haveSource = false
  #haveDest = false

  constructor(
    store: RangeStore,
    private readonly m: MergeTrees
  ) {
    this.#writer = new MetaRangeWriter(store)
    this.#base = new Base(store, m.base)
    this.#source = new TreeCursor(store, m.source)
    this.#dest = new TreeCursor(store, m.destination)
  }

  run(): MetaRange {
    this.#haveSource = this.#source.next()
    this.#haveDest = this.#dest.next()
    while (this.#haveSource && this.#haveDest) {
      const s = this.#source.record
      const d = this.#dest.record
      if (!s && !d) this.#bothRanges(this.#source.range, this.#dest.range)
      else if (!d) this.#destRangeSourceKey(this.#dest.range, s!)
      else if (!s) this.#sourceRangeDestKey(this.#source.range, d)
      else this.#bothKeys(s, d)
    }
    if (this.#haveSource) this.#rest(this.#source, 'source-wins')
    if (this.#haveDest) this.#rest(this.#dest, 'dest-wins')
    return this.#writer.close()
  }

  #bothRanges(s: RangeInfo, d: RangeInfo): void {
    if (s.id === d.id) {
      this.#writer.writeRange(s)
      this.#stepRanges()
      return
    }
    if (s.minKey === d.minKey && s.maxKey === d.maxKey) {
      const base = this.#base.overlapping(s)
      if (base && (base.id === s.id || base.id === d.id)) {
        this.#writer.writeRange(base.id === s.id ? d : s)
        this.#stepRanges()
      } else this.#enterBoth()
      return
    }
    if (compareBytewise(s.maxKey, d.minKey) < 0) {
      const base = this.#base.overlapping(s)
      if (!base) this.#writer.writeRange(s) // added by the source
      if (!base || base.id === s.id) this.#haveSource = this.#source.nextRange() // else: deleted by dest
      else this.#enterBoth()
      return
    }
    if (compareBytewise(d.maxKey, s.minKey) < 0) {
      const base = this.#base.overlapping(d)
      if (!base) this.#writer.writeRange(d)
      if (!base || base.id === d.id) this.#haveDest = this.#dest.nextRange()
      else this.#enterBoth()
      return
    }
    this.#enterBoth()
  }

  #destRangeSourceKey(d: RangeInfo, s: EntryRecord): void {
    if (compareBytewise(d.minKey, s.key) > 0) return this.#sourceBeforeDest(s)
    if (compareBytewise(d.maxKey, s.key) < 0) {
      const base = this.#base.overlapping(d)
      if (!base || base.id === d.id) {
        if (!base) this.#writer.writeRange(d)
        this.#haveDest = this.#dest.nextRange()
        return
      }
    }
    this.#haveDest = this.#dest.next()
  }

  #sourceRangeDestKey(s: RangeInfo, d: EntryRecord): void {
    if (compareBytewise(s.minKey, d.key) > 0) return this.#destBeforeSource(d)
    if (compareBytewise(s.maxKey, d.key) < 0) {
      const base = this.#base.overlapping(s)
      if (!base || base.id === s.id) {
        if (!base) this.#writer.writeRange(s)
        this.#haveSource = this.#source.nextRange()
        return
      }
    }
    this.#haveSource = this.#source.next()
  }

  #bothKeys(s: EntryRecord, d: EntryRecord): void {
    const order = compareBytewise(s.key, d.key)
    if (order < 0) return this.#sourceBeforeDest(s)
    if (order > 0) return this.#destBeforeSource(d)
    if (sameEntry(s.entry, d.entry)) {
      this.#writer.add(s)
    } else {
      const base = this.#base.get(s.key)
      if (base && sameEntry(s.entry, base)) this.#writer.add(d)
      else if (base && sameEntry(d.entry, base)) this.#writer.add(s)
      else this.#writer.add(this.#resolve(s, d)) // both changed, or both added differently
    }
    this.#haveSource = this.#source.next()
    this.#haveDest = this.#dest.next()
  }

  /** A key only the source has: added by it, or deleted by dest (and maybe changed by source). */
  #sourceBeforeDest(s: EntryRecord): void {
    const base = this.#base.get(s.key)
    if (!base || (!sameEntry(base, s.entry) && this.#keeps('source-wins'))) this.#writer.add(s)
    this.#haveSource = this.#source.next()
  }

  #destBeforeSource(d: EntryRecord): void {
    const base = this.#base.get(d.key)
    if (!base || (!sameEntry(base, d.entry) && this.#keeps('dest-wins'))) this.#writer.add(d)
    this.#haveDest = this.#dest.next()
  }

  /** One side ran out: the other side's ranges and keys, each judged against the base. */
  #rest(cursor: TreeCursor, side: MergeStrategy): void {
    let more = true
    while (more) {
      const record = cursor.record
      if (!record) {
        const base = this.#base.overlapping(cursor.range)
        if (!base) this.#writer.writeRange(cursor.range)
        more = !base || base.id === cursor.range.id ? cursor.nextRange() : cursor.next()
        continue
      }
      const base = this.#base.get(record.key)
      if (!base || (!sameEntry(base, record.entry) && this.#keeps(side))) this.#writer.add(record)
      more = cursor.next()
    }
  }

  /** A key deleted on one side and changed on the other: kept when the strategy favours `side`. */
  #keeps(side: MergeStrategy): boolean {
    if (this.m.strategy === 'none') throw errors.conflictFound()
    return this.m.strategy === side
  }

  #resolve(s: EntryRecord, d: EntryRecord): EntryRecord {
    if (this.m.strategy === 'none') throw errors.conflictFound()
    return this.m.strategy === 'source-wins' ? s : d
  }

  #stepRanges(): void {
    this.#haveSource = this.#source.nextRange()
    this.#haveDest = this.#dest.nextRange()
  }

  #enterBoth(): void {
    this.#haveSource = this.#source.next()
    this.#haveDest = this.#dest.next()
  }
}

/** One row of a three-dot diff: a change the source would bring, or a conflict. */
export interface CompareChange {
  readonly key: string
  readonly type: 'added' | 'removed' | 'changed' | 'conflict'
  readonly entry: Entry
}

/**
 * What merging `source` into `destination` would change, relative to `base`
 * (committed/compare_iterator.go): source-only changes as they are, both-sided ones as conflicts.
 */
export function* compareTrees(store: RangeStore, destination: string, source: string, base: string, from = ''): Generator<CompareChange> {
  const baseTree = new Base(store, base)
  for (const c of diffTrees(store, destination, source, from)) {
    const type = classify(c, baseTree.get(c.key))
    if (type) yield { key: c.key, type, entry: (c.right ?? c.left)! }
  }
}

function classify(c: TreeChange, base: Entry | undefined): CompareChange['type'] | undefined {
  switch (c.type) {
    case 'added': // on the source only
      if (!base) return 'added'
      return sameEntry(base, c.right) ? undefined : 'conflict'
    case 'changed':
      if (!base) return 'conflict'
      if (sameEntry(base, c.right)) return undefined // changed on the destination only
      return sameEntry(base, c.left) ? 'changed' : 'conflict'
    case 'removed': // present on the destination only
      if (!base) return undefined
      return sameEntry(base, c.left) ? 'removed' : 'conflict'
  }
}
