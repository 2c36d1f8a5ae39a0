/** importStart / importStatus / importCancel (catalog.go Import, GetImportStatus, CancelImport). */
import { createCommit, type Commit } from '../graveler/commit.js'
import { errors } from '../errors.js'
import { BUILD_SLICE, type BuiltTree, ImportJob, type ImportRecords, type ImportTarget } from '../import/import-job.js'
import type { ConflictKind, ImportHooks } from '../import/import-effects.js'
import type { ImportRequest } from '../import/import-request.js'
import type { IdentityHasher } from '../import/identity-hasher.js'
import { ImportRunner, type RunnerOptions } from '../import/import-runner.js'
import { ImportFailure } from '../import/import-walk.js'
import type { ObjectService } from './object-service.js'
import type { RefService } from './ref-service.js'
import type { Repository } from './repository.js'
import { combineImport } from '../graveler/tree-import.js'
import type { World } from './world.js'

/** lakeFS deletes status records 24 h after their last update (ref/manager.go ImportExpiryTime). */
export const IMPORT_EXPIRY_MS = 24 * 60 * 60 * 1000

export const LAST_IMPORT_TIMESTAMP = '.lakefs.last.import.timestamp'
const MERGE_STRATEGY = '.lakefs.merge.strategy'
/** Where conflict effects write on the branch. */
export const CONFLICT_PREFIX = '_lakefs_emulator/'

export class ImportService implements ImportTarget {
  readonly runner: ImportRunner
  /** Jobs by repository name, then id. */
  readonly #jobs = new Map<string, Map<string, ImportJob>>()

  constructor(
    private readonly world: World,
    private readonly refs: RefService,
    private readonly objects: ObjectService,
    private readonly hooks?: ImportHooks,
    runnerOptions?: RunnerOptions,
    /** Hashes entry identities on another thread; whoever made it closes it. */
    hasher?: IdentityHasher
  ) {
    this.runner = new ImportRunner(world.clock, runnerOptions)
    this.#hasher = hasher
    if (hasher) this.runner.offloaded = () => (hasher.pending ? hasher.idle() : undefined)
  }

  readonly #hasher: IdentityHasher | undefined

  /** Stops background work (the runner; the hashing thread is its owner's to close). */
  close(): void {
    this.runner.close()
  }

  /** Emulator time of the last sweep of expired records. */
  #sweptAt = -Infinity

  /**
   * Forgets finished imports whose records expired, at most once per emulator minute, so a long
   * suite of small imports does not keep every one of them (a lookup forgets an expired one too).
   */
  #sweep(now: number): void {
    if (now - this.#sweptAt < 60_000) return
    this.#sweptAt = now
    for (const jobs of this.#jobs.values()) {
      for (const [id, job] of jobs) if (job.state !== 'running' && now - job.status.updateTime > IMPORT_EXPIRY_MS) this.#forget(jobs, id, job)
    }
  }

  /** Starts an import and returns its id; the work happens in the background. */
  start(repoName: string, branchName: string, request: ImportRequest, user: string): string {
    this.#sweep(this.world.clock.now())
    const repo = this.world.repository(repoName)
    const { blockstore, compat, pacing } = this.world.settings
    if (blockstore.type === 'local' && !blockstore.importEnabled) throw errors.importNotSupported()
    const branch = this.world.branch(repo, branchName)
    verifyImportPaths(request, repo.settings.storageNamespace)
    if (compat.dirtyBranch === 'reject-at-start' && this.refs.isDirty(repo, branch) && !request.force) {
      throw errors.dirtyBranch()
    }
    const now = this.world.clock.now()
    const id = this.world.xids.next(now)
    const job = new ImportJob({
      id,
      repository: repoName,
      branch: branchName,
      user,
      request,
      startTime: now,
      pacing,
      compat,
      store: this.world.store,
      blockstore,
      target: this,
      effects: this.hooks?.effectsFor({ id, repository: repoName, branch: branchName, time: now }),
      hasher: this.#hasher,
      onOffloadedWork: () => this.runner.kick(),
    })
    this.#repoJobs(repoName).set(job.id, job)
    this.runner.add(job)
    return job.id
  }

  /** The job, if its repository exists and its record has not expired. `branch` is not used. */
  get(repoName: string, id: string): ImportJob {
    this.world.repository(repoName)
    const job = this.find(repoName, id)
    if (!job) throw errors.importNotFound()
    return job
  }

  /** `get` without the errors: undefined for an unknown repository, id or expired record. */
  find(repoName: string, id: string): ImportJob | undefined {
    if (!this.world.repositories.has(repoName)) return undefined
    const jobs = this.#repoJobs(repoName)
    const job = jobs.get(id)
    if (job && this.world.clock.now() - job.status.updateTime > IMPORT_EXPIRY_MS) {
      this.#forget(jobs, id, job)
      return undefined
    }
    return job
  }

  cancel(repoName: string, id: string): void {
    this.get(repoName, id).cancel(this.world.clock.now())
    // Lets the runner drop the job now, even if it was waiting on a stall with no end.
    this.runner.kick()
  }

  /** Objects walked by every import since this world was built, forgotten ones included (for metrics). */
  objectsIngested(): number {
    let total = this.#forgottenObjects
    for (const jobs of this.#jobs.values()) for (const job of jobs.values()) total += job.walked
    return total
  }

  /** Objects walked by imports whose records are gone, so `objectsIngested` never goes down. */
  #forgottenObjects = 0

  #forget(jobs: Map<string, ImportJob>, id: string, job: ImportJob): void {
    this.#forgottenObjects += job.walked
    jobs.delete(id)
  }

  /** Every known job, for inspection. */
  list(): ImportJob[] {
    this.#sweep(this.world.clock.now())
    return [...this.#jobs.values()].flatMap((m) => [...m.values()])
  }

  /** Forgets a deleted repository's imports and stops their work. */
  dropRepository(repoName: string): void {
    for (const job of this.#jobs.get(repoName)?.values() ?? []) {
      if (job.state === 'running') job.cancel(this.world.clock.now())
      this.#forgottenObjects += job.walked
    }
    this.#jobs.delete(repoName)
  }

  #repoJobs(repoName: string): Map<string, ImportJob> {
    let jobs = this.#jobs.get(repoName)
    if (!jobs) this.#jobs.set(repoName, (jobs = new Map()))
    return jobs
  }

  // --- ImportTarget: how a job lands on its branch ---

  *buildTree(job: ImportJob, records: ImportRecords): Generator<void, BuiltTree> {
    const repo = this.#repoOf(job)
    if (repo.settings.readOnly && !job.options.request.force) {
      const phase = records.some((r) => r.length) ? 'write range' : 'create metarange'
      throw new ImportFailure(`${phase}: read-only repository`)
    }
    const base = this.#head(repo, job)
    const destinations = job.options.request.paths.map((p) => p.destination)
    const metaRange = yield* combineImport(this.world.ranges, base.metaRangeId, records, destinations, BUILD_SLICE)
    return { baseCommitId: base.id, metaRange, records }
  }

  commit(job: ImportJob, tree: BuiltTree, atMs: number): Commit {
    const repo = this.#repoOf(job)
    const branch = repo.branches.get(job.options.branch)
    if (!branch) throw new ImportFailure('merge import: branch not found')
    const skipDirtyCheck = this.world.settings.compat.dirtyBranch === 'reject-at-start' && job.options.request.force
    if (!skipDirtyCheck && this.refs.isDirty(repo, branch)) {
      throw new ImportFailure('merge import: uncommitted changes (dirty branch)')
    }
    let built = tree
    if (branch.head !== tree.baseCommitId) {
      // Someone committed meanwhile: rebase onto the new head, as lakeFS's commit retry does.
      const rebuild = this.buildTree(job, tree.records)
      let step = rebuild.next()
      while (!step.done) step = rebuild.next()
      built = step.value
    }
    const parent = this.#head(repo, job)
    const { message, metadata } = job.options.request
    const commit = createCommit({
      parents: [parent.id],
      committer: job.options.user,
      message: message || 'Import objects',
      creationDate: Math.floor(atMs / 1000),
      metaRangeId: built.metaRange.id,
      metadata: { ...metadata, [MERGE_STRATEGY]: 'source-wins' },
      generation: parent.generation + 1,
      version: 1,
    })
    repo.addCommit(commit)
    branch.head = commit.id
    repo.metadata.set(LAST_IMPORT_TIMESTAMP, String(commit.creationDate))
    return commit
  }

  /**
   * Conflict effects: an uncommitted object appears on the branch (the commit then fails as
   * dirty), or another writer's commit lands on it (the import then rebases onto it).
   */
  conflict(job: ImportJob, kind: ConflictKind, rule: string): void {
    const { repository, branch } = job.options
    const path = `${CONFLICT_PREFIX}${kind === 'dirtyBranch' ? 'uncommitted' : 'concurrent'}-${job.id}`
    const bytes = Buffer.from(`written by the lakefs-emulator fault rule "${rule}" during import ${job.id}\n`)
    this.objects.upload(repository, branch, path, { bytes, metadata: {} })
    if (kind === 'concurrentCommit') {
      this.refs.commitStaging(repository, branch, {
        committer: 'lakefs-emulator',
        message: `Concurrent commit (fault rule "${rule}")`,
      })
    }
  }

  #repoOf(job: ImportJob): Repository {
    const repo = this.world.repositories.get(job.options.repository)
    if (!repo) throw new ImportFailure('repository not found')
    return repo
  }

  #head(repo: Repository, job: ImportJob): Commit {
    const branch = repo.branches.get(job.options.branch)
    if (!branch) throw new ImportFailure('merge import: branch not found')
    const commit = repo.commits.get(branch.head)
    if (!commit) throw new ImportFailure('get commit: commit not found')
    return commit
  }
}

/** catalog.go verifyImportPaths: no source may overlap the storage namespace (string prefix). */
function verifyImportPaths(request: ImportRequest, namespace: string): void {
  for (const p of request.paths) {
    if (p.path.startsWith(namespace)) throw errors.importPathInNamespace(p.path, namespace)
    if (p.type === 'common_prefix' && namespace.startsWith(p.path)) {
      throw errors.importPrefixContainsNamespace(p.path, namespace)
    }
  }
}
