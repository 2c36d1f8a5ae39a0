/**
 * A read-only look at the whole installation: what the control API reports, what the CLI's banner
 * and progress lines show, and what tests check (invariants, snapshots). It hands out views typed
 * read-only, so nothing that inspects can change the world; the services are the only writers.
 */
import type { ObjectStore, StoredObject } from '../fakestore/object-store.js'
import { compareBytewise } from '../util/byte-order.js'
import type { BlockstoreSettings } from './blockstore.js'
import type { ImportService } from './catalog/import-service.js'
import type { ObjectService } from './catalog/object-service.js'
import type { World, WorldSettings } from './catalog/world.js'
import type { Commit } from './graveler/commit.js'
import type { Entry } from './graveler/entry.js'
import type { EntryRecord, MetaRange } from './graveler/metarange.js'
import type { ImportJob } from './import/import-job.js'

export interface BranchView {
  readonly name: string
  readonly head: string
  readonly hidden: boolean
  /** Staged changes by key; `null` is a staged delete. */
  readonly staging: ReadonlyMap<string, Entry | null>
}

export interface RepositoryView {
  readonly name: string
  readonly settings: { readonly storageNamespace: string; readonly defaultBranch: string; readonly readOnly: boolean }
  readonly branches: ReadonlyMap<string, BranchView>
  readonly commits: ReadonlyMap<string, Commit>
  /** Tag name to commit ID. */
  readonly tags: ReadonlyMap<string, string>
  readonly metadata: ReadonlyMap<string, string>
}

/** An import as it stands (its methods that act are left out). */
export type ImportView = Pick<ImportJob, 'id' | 'state' | 'status' | 'walked' | 'expectedObjects' | 'effects' | 'options' | 'phaseName'>

export class Inspection {
  constructor(
    private readonly world: World,
    private readonly objectService: ObjectService,
    private readonly importService: ImportService
  ) {}

  /** Every repository, by name in byte order (as lakeFS lists them). */
  repositories(): RepositoryView[] {
    return [...this.world.repositories.values()].sort((a, b) => compareBytewise(a.name, b.name))
  }

  repository(name: string): RepositoryView | undefined {
    return this.world.repositories.get(name)
  }

  imports(): readonly ImportView[] {
    return this.importService.list()
  }

  get settings(): WorldSettings {
    return this.world.settings
  }

  get blockstore(): BlockstoreSettings {
    return this.world.settings.blockstore
  }

  /** The fake store, for reading: how many objects, one object, a listing. */
  get store(): Pick<ObjectStore, 'size' | 'stat' | 'list' | 'count'> {
    return this.world.store
  }

  /** Fake-store objects under `prefix`, in byte order of URI. */
  storedObjects(prefix = ''): StoredObject[] {
    return this.world.store.list(prefix)
  }

  metaRange(id: string): MetaRange {
    return this.world.ranges.metaRange(id)
  }

  rangeRecords(id: string): readonly EntryRecord[] {
    return this.world.ranges.range(id)
  }

  /** How many ranges have been read from the range store (merges and diffs read only what they must). */
  get rangeReads(): number {
    return this.world.ranges.rangeReads
  }

  /** Where an entry of `repository` keeps its bytes (a full address, or one under the namespace). */
  physicalAddress(repository: string, entry: Entry): string | undefined {
    const repo = this.world.repositories.get(repository)
    return repo && this.objectService.physicalAddress(repo, entry)
  }

  /** Whether an entry's bytes are where its address says (the store's stat: cheaper than reading them). */
  readable(repository: string, entry: Entry): boolean {
    const address = this.physicalAddress(repository, entry)
    return address !== undefined && this.world.store.stat(address) !== undefined
  }
}
