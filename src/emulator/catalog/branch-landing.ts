/**
 * How an import lands on its branch (graveler.go Import): the ranges and metarange built over the
 * branch head, the destinations replaced, then one commit, or the failure lakeFS would report. The
 * import job is handed one of these when it starts and knows nothing of repositories.
 */
import type { ActionsService, HookRecord } from '../actions/actions-service.js'
import { BUILD_SLICE } from '../import/import-job.js'
import { combineImport, importedRecords, iteratorSource } from '../graveler/tree-import.js'
import { createCommit, type Commit } from '../graveler/commit.js'
import type { ConflictKind } from '../import/import-effects.js'
import type { BuiltTree, ImportLanding, ImportRecords } from '../import/import-landing.js'
import type { ImportRequest } from '../import/import-request.js'
import { ImportFailure } from '../import/import-walk.js'
import { MERGE_STRATEGY_KEY } from './merge-service.js'
import type { ObjectService } from './object-service.js'
import type { RefService } from './ref-service.js'
import type { Repository } from './repository.js'
import type { World } from './world.js'

export const LAST_IMPORT_TIMESTAMP = '.lakefs.last.import.timestamp'
/** Where conflict effects write on the branch. */
export const CONFLICT_PREFIX = '_lakefs_emulator/'

/** The import a landing is for. */
export interface LandingJob {
  readonly id: string
  readonly repository: string
  readonly branch: string
  readonly user: string
  readonly request: ImportRequest
}

export class BranchLanding implements ImportLanding {
  constructor(
    private readonly world: World,
    private readonly refs: RefService,
    private readonly objects: ObjectService,
    private readonly job: LandingJob,
    private readonly actions?: ActionsService
  ) {}

  /**
   * The import's pre-commit hooks, read from the branch as it is before the import lands (lakeFS
   * #8334: a gate on an import does not see the imported objects). None on a read-only repository.
   */
  preCommit(): Promise<string | undefined> | undefined {
    const repo = this.#repo()
    if (!this.actions || repo.settings.readOnly) return undefined
    const record = this.#record('pre-commit', this.job.branch)
    const plan = this.actions.plan(record)
    if (!plan) return undefined
    return this.actions.execute(plan, record).then((outcome) =>
      outcome.error === undefined ? undefined : `merge import: update branch ${this.job.branch}: pre-commit hook aborted, run id '${outcome.runId}': ${outcome.error}`
    )
  }

  postCommit(commit: Commit): void {
    if (!this.actions || this.#repo().settings.readOnly) return
    void this.actions.run({ ...this.#record('post-commit', commit.id), commitId: commit.id }).catch(() => undefined)
  }

  #record(eventType: 'pre-commit' | 'post-commit', sourceRef: string): HookRecord {
    const { message, metadata } = this.job.request
    return {
      eventType,
      repository: this.job.repository,
      branchId: this.job.branch,
      sourceRef,
      commit: { message: message || 'Import objects', committer: this.job.user, metadata: { ...metadata } },
    }
  }

  *buildTree(records: ImportRecords, walked: number): Generator<void, BuiltTree> {
    const repo = this.#repo()
    if (repo.settings.readOnly && !this.job.request.force) {
      const phase = walked > 0 ? 'write range' : 'create metarange'
      throw new ImportFailure(`${phase}: read-only repository`)
    }
    const base = this.#head(repo)
    const metaRange = yield* combineImport(this.world.ranges, base.metaRangeId, records, this.#destinations(), BUILD_SLICE)
    return { baseCommitId: base.id, metaRange }
  }

  #destinations(): string[] {
    return this.job.request.paths.map((p) => p.destination)
  }

  commit(tree: BuiltTree, atMs: number): Commit {
    const repo = this.#repo()
    const branch = repo.branches.get(this.job.branch)
    if (!branch) throw new ImportFailure('merge import: branch not found')
    const skipDirtyCheck = this.world.settings.compat.dirtyBranch === 'reject-at-start' && this.job.request.force
    if (!skipDirtyCheck && this.refs.isDirty(repo, branch)) {
      throw new ImportFailure('merge import: uncommitted changes (dirty branch)')
    }
    let built = tree
    if (branch.head !== tree.baseCommitId) {
      // Someone committed meanwhile: rebase onto the new head, as lakeFS's commit retry does. The
      // walk's records were read once; the built tree holds them, under the destinations.
      const imported = iteratorSource(importedRecords(this.world.ranges, tree.metaRange.id, this.#destinations()))
      const rebuild = this.buildTree([imported], 0)
      let step = rebuild.next()
      while (!step.done) step = rebuild.next()
      built = step.value
    }
    const parent = this.#head(repo)
    const { message, metadata } = this.job.request
    const commit = createCommit({
      parents: [parent.id],
      committer: this.job.user,
      message: message || 'Import objects',
      creationDate: Math.floor(atMs / 1000),
      metaRangeId: built.metaRange.id,
      metadata: { ...metadata, [MERGE_STRATEGY_KEY]: 'source-wins' },
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
  conflict(kind: ConflictKind, rule: string): void {
    const { id, repository, branch } = this.job
    const path = `${CONFLICT_PREFIX}${kind === 'dirtyBranch' ? 'uncommitted' : 'concurrent'}-${id}`
    const bytes = Buffer.from(`written by the lakefs-emulator fault rule "${rule}" during import ${id}\n`)
    this.objects.upload(repository, branch, path, { bytes, metadata: {} })
    if (kind === 'concurrentCommit') {
      this.refs.commitStaging(repository, branch, {
        committer: 'lakefs-emulator',
        message: `Concurrent commit (fault rule "${rule}")`,
      })
    }
  }

  #repo(): Repository {
    const repo = this.world.repositories.get(this.job.repository)
    if (!repo) throw new ImportFailure('repository not found')
    return repo
  }

  #head(repo: Repository): Commit {
    const branch = repo.branches.get(this.job.branch)
    if (!branch) throw new ImportFailure('merge import: branch not found')
    const commit = repo.commits.get(branch.head)
    if (!commit) throw new ImportFailure('get commit: commit not found')
    return commit
  }
}
