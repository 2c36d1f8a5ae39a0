/**
 * What lakeFS's garbage collector asks of the server before it runs (graveler/retention): the
 * commits to keep, as a CSV in the storage namespace (garbage_collection_manager.go
 * SaveGarbageCollectionCommits, active_commits.go GetGarbageCollectionCommits), and the uncommitted
 * objects' addresses, as Parquet files (catalog/gc_write_uncommitted.go). Parquet is encoded outside
 * the core (the API layer hands an encoder in).
 */
import { errors, NotFoundError } from '../errors.js'
import type { Commit } from '../graveler/commit.js'
import { compareBytewise } from '../../util/byte-order.js'
import type { GcRules, GcRulesService } from './gc-rules.js'
import { namespacePrefix, namespaceUri, type Repository } from './repository.js'
import { sameEntry } from '../graveler/tree-diff.js'
import type { RefService } from './ref-service.js'
import type { World } from './world.js'

export interface GcCommitsRun {
  readonly runId: string
  /** Full URIs, as lakeFS answers them. */
  readonly commitsLocation: string
  readonly addressesLocation: string
}

/** Where uncommitted garbage collection left off (catalog.GCUncommittedMark). */
export interface UncommittedMark {
  readonly runId: string
  readonly branch: string
  readonly path: string
}

/** One row of lakeFS's uncommitted file (catalog.UncommittedParquetObject). */
export interface UncommittedObject {
  /** Relative to the storage namespace. */
  readonly physicalAddress: string
  /** Unix seconds. */
  readonly creationDate: number
}

/** graveler.UnixYear4000 (retention/garbage_collection_manager.go): run IDs count down from it. */
const UNIX_YEAR_4000 = 64060588800
const DAY_MS = 24 * 3600 * 1000

export class GcPrepareService {
  constructor(
    private readonly world: World,
    private readonly refs: RefService,
    private readonly rules: GcRulesService
  ) {}

  /** catalog PrepareExpiredCommits: the commits GC must keep, by the repository's rules. */
  prepareCommits(repoName: string): GcCommitsRun {
    const repo = this.world.repository(repoName)
    if (repo.settings.readOnly) throw errors.readOnlyRepository()
    const rules = this.rules.read(repo)
    if (!rules) throw new NotFoundError('get gc rules: not found')
    const active = activeCommits(repo, rules, this.world.clock.now())
    const lines = ['commit_id,expired,metarange_id', ...[...active].sort(compareBytewise).map((id) => `${id},false,${repo.commits.get(id)?.metaRangeId ?? ''}`)]
    const runId = this.newRunId()
    const commitsLocation = namespaceUri(repo, `retention/gc/commits/run_id=${runId}/commits.csv`)
    this.world.store.put(commitsLocation, Buffer.from(`${lines.join('\n')}\n`), this.world.clock.now())
    return { runId, commitsLocation, addressesLocation: namespaceUri(repo, 'retention/gc/addresses/') }
  }

  /**
   * catalog PrepareGCUncommitted: every branch's uncommitted objects under the namespace, in one file
   * at `_lakefs/retention/gc/uncommitted/<run>/uncommitted/<xid>` (none when there are none), from
   * where `mark` left off. The emulator writes them all at once, so it never hands back a mark.
   */
  prepareUncommitted(repoName: string, mark: UncommittedMark | undefined, encode: (rows: readonly UncommittedObject[]) => Uint8Array) {
    const repo = this.world.repository(repoName)
    if (repo.settings.readOnly) throw errors.readOnlyRepository()
    const runId = mark?.runId ?? this.newRunId()
    const rows = this.#uncommitted(repo, mark)
    const location = namespaceUri(repo, `retention/gc/uncommitted/${runId}/uncommitted/`)
    if (rows.length === 0) return { runId, location: '', filename: '' }
    const filename = this.world.xids.next(this.world.clock.now())
    this.world.store.put(`${location}${filename}`, encode(rows), this.world.clock.now())
    return { runId, location, filename }
  }

  #uncommitted(repo: Repository, mark: UncommittedMark | undefined): UncommittedObject[] {
    const ns = namespacePrefix(repo)
    const rows: UncommittedObject[] = []
    for (const branch of [...repo.branches.values()].sort((a, b) => compareBytewise(a.name, b.name))) {
      if (mark && compareBytewise(branch.name, mark.branch) < 0) continue
      const from = mark && branch.name === mark.branch ? mark.path : ''
      const head = this.refs.commit(repo, branch.head)
      // graveler DiffUncommitted: staged entries that add or change an object (removals have no address).
      for (const key of [...branch.staging.keys()].filter((k) => compareBytewise(k, from) >= 0).sort(compareBytewise)) {
        const e = branch.staging.get(key)
        if (!e) continue
        const committed = this.world.ranges.get(head.metaRangeId, key)
        if (committed && sameEntry(committed, e)) continue
        // A full address outside the namespace is not the collector's to delete.
        if (e.addressType === 'full' && !e.address.startsWith(ns)) continue
        rows.push({ physicalAddress: e.addressType === 'full' ? e.address.slice(ns.length) : e.address, creationDate: Math.floor(e.mtimeMs / 1000) })
      }
    }
    return rows
  }

  /** retention NewID: an xid of the time counting down from the year 4000. */
  newRunId(): string {
    return this.world.xids.next((UNIX_YEAR_4000 - Math.floor(this.world.clock.now() / 1000)) * 1000)
  }
}

/**
 * active_commits.go GetGarbageCollectionCommits: from each branch head (kept) and each commit that is
 * no commit's first parent, walk first parents; a parent is kept while its child is younger than the
 * branch's retention (or the default's); a walk stops where a walk with as long a retention went.
 */
export function activeCommits(repo: Repository, rules: GcRules, now: number): Set<string> {
  const byBranch = new Map(rules.branches.map((b) => [b.branchId, b.retentionDays]))
  const mainParent = (c: Commit) => (c.parents.length === 0 ? '' : c.version >= 1 ? c.parents[0]! : c.parents[c.parents.length - 1]!)
  const firstParents = new Set([...repo.commits.values()].map(mainParent))
  const starts = [
    ...[...repo.branches.values()].map((b) => ({ commit: b.head, branch: b.name })),
    ...[...repo.commits.keys()].filter((id) => !firstParents.has(id)).map((commit) => ({ commit, branch: '' })),
  ].sort((a, b) => compareBytewise(a.commit, b.commit) || (a.branch ? -1 : 1))
  const active = new Set<string>()
  const processed = new Map<string, number>()
  const seen = new Set<string>()
  for (const start of starts) {
    // The starting point iterator skips a leaf that is also a branch head.
    if (!start.branch && seen.has(start.commit)) continue
    seen.add(start.commit)
    const days = (start.branch ? byBranch.get(start.branch) : undefined) ?? rules.defaultRetentionDays
    const threshold = now - days * DAY_MS
    let node = repo.commits.get(start.commit)
    if (!node) continue
    let next = start.branch ? mainParent(node) : start.commit
    if (start.branch) {
      active.add(start.commit)
      processed.set(start.commit, threshold)
    }
    while (next) {
      const previous = processed.get(next)
      if (previous !== undefined && previous <= threshold) break
      if (node.creationDate * 1000 > threshold) active.add(next)
      node = repo.commits.get(next)
      processed.set(next, threshold)
      if (!node) break
      next = mainParent(node)
    }
  }
  return active
}
