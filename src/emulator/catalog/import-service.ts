/** importStart / importStatus / importCancel (catalog.go Import, GetImportStatus, CancelImport). */
import { errors } from '../errors.js'
import type { IdentityHasher } from '../import/identity-hasher.js'
import type { ImportHooks } from '../import/import-effects.js'
import { ImportJob, type ImportJobOptions, type ImportState, type ImportStatusRecord } from '../import/import-job.js'
import type { ImportRequest } from '../import/import-request.js'
import { ImportRunner, type RunnerOptions } from '../import/import-runner.js'
import type { ActionsService } from '../actions/actions-service.js'
import { BranchLanding } from './branch-landing.js'
import type { ObjectService } from './object-service.js'
import type { RefService } from './ref-service.js'
import type { World } from './world.js'

/** An import as a snapshot keeps it: what started it, and where it stood. */
export interface SavedImport extends Pick<ImportJobOptions, 'id' | 'repository' | 'branch' | 'user' | 'request' | 'startTime'> {
  readonly status: ImportStatusRecord
  readonly state: ImportState
  readonly walked: number
}

/** lakeFS deletes status records 24 h after their last update (ref/manager.go ImportExpiryTime). */
export const IMPORT_EXPIRY_MS = 24 * 60 * 60 * 1000

export class ImportService {
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
    hasher?: IdentityHasher,
    /** Runs the pre- and post-commit hooks an import's commit has (graveler.Import). */
    private readonly actions?: ActionsService
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
    const { blockstore, compat } = this.world.settings
    if (blockstore.type === 'local' && !blockstore.importEnabled) throw errors.importNotSupported()
    const branch = this.world.branch(repo, branchName)
    verifyImportPaths(request, repo.settings.storageNamespace)
    if (compat.dirtyBranch === 'reject-at-start' && this.refs.isDirty(repo, branch) && !request.force) {
      throw errors.dirtyBranch()
    }
    const now = this.world.clock.now()
    const id = this.world.xids.next(now)
    const job = this.#job({ id, repository: repoName, branch: branchName, user, request, startTime: now })
    this.#repoJobs(repoName).set(job.id, job)
    this.runner.add(job)
    return job.id
  }

  /** Takes up an import saved by an earlier process (see ImportJob.restore); it does no more work. */
  restore(saved: SavedImport): void {
    const job = this.#job({ ...saved, effects: false })
    job.restore(saved)
    this.#repoJobs(saved.repository).set(job.id, job)
  }

  #job(about: { id: string; repository: string; branch: string; user: string; request: ImportRequest; startTime: number; effects?: false }): ImportJob {
    const { id, repository, branch, user, request, startTime } = about
    const { blockstore, compat, pacing } = this.world.settings
    return new ImportJob({
      id,
      repository,
      branch,
      user,
      request,
      startTime,
      pacing,
      compat,
      store: this.world.store,
      blockstore,
      landing: new BranchLanding(this.world, this.refs, this.objects, { id, repository, branch, user, request }, this.actions),
      effects: about.effects === false ? undefined : this.hooks?.effectsFor({ id, repository, branch, time: startTime }),
      hasher: this.#hasher,
      onOffloadedWork: () => this.runner.kick(),
    })
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
