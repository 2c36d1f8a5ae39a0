/**
 * The installation as plain data, and back: what a data directory keeps across restarts
 * (repositories, branches and their staging, commits, tags, metaranges, import records, the ID
 * counter and the time). Ranges are immutable and content-addressed, so a snapshot lists their IDs
 * and whoever stores it keeps each one once (`rangeRecords`).
 */
import type { Commit } from './graveler/commit.js'
import type { Entry } from './graveler/entry.js'
import type { EntryRecord, MetaRange } from './graveler/metarange.js'
import { Branch, Repository, type RepositorySettings } from './catalog/repository.js'
import type { SavedImport } from './catalog/import-service.js'
import type { Emulator } from './emulator.js'
import type { SavedAuth } from './catalog/auth-service.js'
import type { SavedInstallation } from './catalog/installation.js'
import type { PullRequest } from './catalog/pull-requests.js'
import type { TaskStatus } from './catalog/tasks.js'

export interface SavedBranch {
  readonly name: string
  readonly head: string
  readonly hidden: boolean
  /** Staged changes in key order; `null` is a staged delete. */
  readonly staging: readonly (readonly [string, Entry | null])[]
}

export interface SavedRepository {
  readonly settings: RepositorySettings
  readonly branches: readonly SavedBranch[]
  readonly commits: readonly Commit[]
  readonly metadata: readonly (readonly [string, string])[]
  readonly tags: readonly (readonly [string, string])[]
  readonly linkAddresses: readonly string[]
  readonly protectionRules: readonly string[]
  /** Absent in data directories written before pull requests were kept. */
  readonly pullRequests?: readonly PullRequest[]
  /** Likewise for background tasks. */
  readonly tasks?: readonly TaskStatus[]
}

export interface WorldSnapshot {
  /** Emulator time when taken (epoch ms). */
  readonly now: number
  /** The ID generator's counter (import IDs and upload addresses go on from it). */
  readonly xidCounter: number
  readonly repositories: readonly SavedRepository[]
  readonly metaRanges: readonly MetaRange[]
  /** Every range the world holds; records through `rangeRecords`. */
  readonly rangeIds: readonly string[]
  readonly imports: readonly SavedImport[]
  /** Users and key pairs (absent in data directories written before they could change). */
  readonly auth?: SavedAuth
  /** Communication preferences and usage counts (likewise). */
  readonly installation?: SavedInstallation
}

/** Only an entry's own fields (an import's prehashed identity is the hasher's, not the entry's). */
function plainEntry(e: Entry): Entry {
  const { address, addressType, checksum, size, mtimeMs, contentType, metadata } = e
  return contentType === undefined ? { address, addressType, checksum, size, mtimeMs, metadata } : { address, addressType, checksum, size, mtimeMs, contentType, metadata }
}

export function takeSnapshot(emulator: Emulator): WorldSnapshot {
  const { world } = emulator
  const repositories = [...world.repositories.values()].map(
    (repo): SavedRepository => ({
      settings: repo.settings,
      branches: [...repo.branches.values()].map((b) => ({
        name: b.name,
        head: b.head,
        hidden: b.hidden,
        staging: [...b.staging].map(([key, e]) => [key, e && plainEntry(e)] as const),
      })),
      commits: [...repo.commits.values()],
      metadata: [...repo.metadata],
      tags: [...repo.tags],
      linkAddresses: [...repo.linkAddresses],
      protectionRules: repo.protectionRules,
      pullRequests: [...repo.pullRequests.values()],
      tasks: [...repo.tasks.values()],
    })
  )
  const imports = emulator.imports.list().map(
    (job): SavedImport => ({
      id: job.id,
      repository: job.options.repository,
      branch: job.options.branch,
      user: job.options.user,
      request: job.options.request,
      startTime: job.options.startTime,
      status: job.status,
      state: job.state,
      walked: job.walked,
    })
  )
  return {
    now: world.clock.now(),
    xidCounter: world.xids.counter,
    repositories,
    metaRanges: world.ranges.metaRanges(),
    rangeIds: world.ranges.rangeIds(),
    imports,
    auth: emulator.auth.save(),
    installation: emulator.installation.save(),
  }
}

/** A range's records as a snapshot keeps them. */
export function rangeRecords(emulator: Emulator, id: string): EntryRecord[] {
  return emulator.world.ranges.range(id).map((r) => ({ key: r.key, entry: plainEntry(r.entry) }))
}

/**
 * Replaces the world's repositories, ranges, imports and ID counter with a snapshot's; `range`
 * gives each range's records. The clock and the object store are the caller's to set.
 */
export function restoreSnapshot(emulator: Emulator, snapshot: WorldSnapshot, range: (id: string) => readonly EntryRecord[]): void {
  const { world } = emulator
  for (const name of [...world.repositories.keys()]) emulator.deleteRepository(name)
  for (const id of snapshot.rangeIds) world.ranges.putRecords(id, range(id))
  for (const mr of snapshot.metaRanges) world.ranges.putMetaRange(mr)
  for (const saved of snapshot.repositories) {
    const repo = new Repository(saved.settings)
    for (const c of saved.commits) repo.addCommit(c)
    for (const b of saved.branches) {
      const branch = new Branch(b.name, b.head, b.hidden)
      for (const [key, entry] of b.staging) branch.staging.set(key, entry)
      repo.branches.set(b.name, branch)
    }
    for (const [k, v] of saved.metadata) repo.metadata.set(k, v)
    for (const [k, v] of saved.tags) repo.tags.set(k, v)
    for (const a of saved.linkAddresses) repo.linkAddresses.add(a)
    repo.protectionRules = saved.protectionRules
    for (const pr of saved.pullRequests ?? []) repo.pullRequests.set(pr.id, pr)
    for (const t of saved.tasks ?? []) repo.tasks.set(t.id, t)
    world.repositories.set(repo.name, repo)
  }
  for (const saved of snapshot.imports) emulator.imports.restore(saved)
  world.xids.counter = snapshot.xidCounter
  if (snapshot.auth) emulator.auth.restore(snapshot.auth)
  if (snapshot.installation) emulator.installation.restore(snapshot.installation)
}
