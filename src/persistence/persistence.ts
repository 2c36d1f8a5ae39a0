/**
 * What a data directory holds and how it comes back: the core's snapshot (repositories, branches,
 * staging, commits, tags, metaranges, imports, the ID counter, the time) plus the fake store's
 * changes since the scenario built it (objects written and deleted, buckets made and removed).
 * Generated and scenario objects are not saved: the scenario makes them again, the same.
 */
import type { Emulator } from '../emulator/emulator.js'
import { rangeRecords, restoreSnapshot, takeSnapshot, type WorldSnapshot } from '../emulator/snapshot.js'
import type { EntryRecord } from '../emulator/graveler/metarange.js'
import type { ObjectChange, StoreChanges } from '../fakestore/tracking-store.js'
import type { DataDir } from './data-dir.js'

export interface SavedState {
  readonly snapshot: WorldSnapshot
  readonly store: {
    readonly objects: readonly (readonly [string, ObjectChange])[]
    readonly buckets: readonly (readonly [string, number | null])[]
  }
}

/** The part of a tracking store restoring needs (src/fakestore/tracking-store.ts has it). */
export interface ReplayableStore {
  readonly changes: StoreChanges
  replay(changes: SavedState['store'], readBlob: (name: string) => Uint8Array): void
}

export class Persistence {
  #saved: SavedState | undefined

  constructor(readonly dir: DataDir) {
    this.#saved = dir.read<SavedState>()
  }

  /** Emulator time the saved world was at (the clock starts from it), if there is one. */
  get savedTime(): number | undefined {
    return this.#saved?.snapshot.now
  }

  /** Brings the saved world back over one just built from the scenario; false when there is none. */
  restore(emulator: Emulator, store: ReplayableStore): boolean {
    const saved = this.#saved
    this.#saved = undefined
    if (!saved) return false
    restoreSnapshot(emulator, saved.snapshot, (id) => this.dir.readRange<EntryRecord[]>(id))
    store.replay(saved.store, (name) => this.dir.readBlob(name))
    this.dir.dropBlobsExcept(new Set(saved.store.objects.flatMap(([, c]) => (c.kind === 'put' ? [c.blob] : []))))
    return true
  }

  /** Saves the world as it is now; ranges not saved yet first, then the manifest. */
  save(emulator: Emulator, store: ReplayableStore): void {
    const snapshot = takeSnapshot(emulator)
    for (const id of snapshot.rangeIds) if (!this.dir.hasRange(id)) this.dir.keepRange(id, rangeRecords(emulator, id))
    const state: SavedState = { snapshot, store: { objects: [...store.changes.objects], buckets: [...store.changes.buckets] } }
    this.dir.save(state)
  }
}
