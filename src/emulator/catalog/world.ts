/** The state every service of one emulator shares. Nothing here is global: one per createApp. */
import type { ObjectStore } from '../../fakestore/object-store.js'
import type { BlockstoreSettings } from '../blockstore.js'
import type { Clock } from '../clock.js'
import { errors } from '../errors.js'
import type { ImportCompat, ImportPacing } from '../import/import-request.js'
import { RangeStore } from '../graveler/metarange.js'
import type { XidGenerator } from '../random.js'
import type { Branch, Repository } from './repository.js'

export interface WorldSettings {
  readonly blockstore: BlockstoreSettings
  readonly pacing: ImportPacing
  readonly compat: ImportCompat
}

export class World {
  readonly repositories = new Map<string, Repository>()
  readonly ranges = new RangeStore()

  constructor(
    readonly clock: Clock,
    readonly store: ObjectStore,
    readonly xids: XidGenerator,
    public settings: WorldSettings
  ) {}

  repository(name: string): Repository {
    const repo = this.repositories.get(name)
    if (!repo) throw errors.repositoryNotFound()
    return repo
  }

  branch(repo: Repository, name: string): Branch {
    const branch = repo.branches.get(name)
    if (!branch) throw errors.branchNotFound()
    return branch
  }
}
