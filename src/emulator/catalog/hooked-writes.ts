/**
 * The writes lakeFS runs actions around (graveler.go Commit and Merge with their HooksHandler):
 * the pre-event hooks first (a failure aborts with 412 and changes nothing), then the write, then
 * the post-event hooks in the background (they never undo it; the pre-event run learns the commit).
 */
import type { ActionsService, HookRecord } from '../actions/actions-service.js'
import type { ActionFile } from '../actions/hook-port.js'
import { errors, PreconditionFailedError } from '../errors.js'
import type { Commit } from '../graveler/commit.js'
import type { CommitService } from './commit-service.js'
import type { MergeInput, MergeService } from './merge-service.js'
import type { ObjectService } from './object-service.js'
import { type CommitInput, type RefService, validateBranchName, validateTagId } from './ref-service.js'
import type { Branch } from './repository.js'
import type { World } from './world.js'

/** Where lakeFS keeps action files on a ref. */
export const ACTIONS_PREFIX = '_lakefs_actions/'

/** The action files on a ref (a branch with its staged changes), as lakeFS's actions source lists them. */
export function actionFiles(world: World, objects: ObjectService, repository: string, ref: string): ActionFile[] {
  const repo = world.repository(repository)
  const files: ActionFile[] = []
  for (let after = '', more = true; more; ) {
    const page = objects.list(repository, ref, { prefix: ACTIONS_PREFIX, after, delimiter: '/', amount: 1000 })
    for (const item of page.results) {
      if (item.kind !== 'object') continue
      const { bytes } = objects.read(repo, item.entry)
      files.push({ path: item.path, text: Buffer.from(bytes).toString('utf8') })
    }
    more = page.hasMore
    after = page.nextOffset
  }
  return files
}

/** What events about refs carry for a commit: nothing (graveler's HookRecord leaves it empty). */
const NO_COMMIT = { message: '', committer: '', metadata: {} }

/** An object's text on a ref, or undefined when it is not there (a Lua hook's script_path). */
export function objectText(objects: ObjectService, repository: string, ref: string, path: string): string | undefined {
  try {
    const { repo, entry } = objects.stat(repository, ref, path)
    return Buffer.from(objects.read(repo, entry).bytes).toString('utf8')
  } catch {
    return undefined
  }
}

const aborted = (event: string, runId: string, error: string) => new PreconditionFailedError(`${event} hook aborted, run id '${runId}': ${error}`)

export class HookedWrites {
  constructor(
    private readonly world: World,
    private readonly refs: RefService,
    private readonly commits: CommitService,
    private readonly merges: MergeService,
    private readonly actions: ActionsService
  ) {}

  /** commit with prepare-commit, pre-commit and post-commit hooks; protection is checked first, as graveler does. */
  async commit(repoName: string, branchName: string, input: CommitInput): Promise<Commit> {
    const repo = this.world.repository(repoName)
    this.world.branch(repo, branchName)
    if (this.refs.isProtected(repo, branchName)) throw errors.commitToProtectedBranch()
    const about = { message: input.message, committer: input.committer, metadata: input.metadata ?? {} }
    const record = { repository: repoName, branchId: branchName, sourceRef: branchName, commit: about }
    await this.#before({ ...record, eventType: 'prepare-commit' })
    return this.#around({ ...record, eventType: 'pre-commit' }, () => this.commits.commit(repoName, branchName, input), (c) => ({ ...record, eventType: 'post-commit', sourceRef: c.id, commitId: c.id }))
  }

  /** mergeIntoBranch with pre-merge and post-merge hooks; the action files are the source's. */
  merge(repoName: string, sourceRef: string, destName: string, input: MergeInput): Promise<Commit> {
    const repo = this.world.repository(repoName)
    this.world.branch(repo, destName)
    const source = this.refs.resolveCommit(repo, sourceRef)
    const about = { message: input.message || `Merge '${sourceRef}' into '${destName}'`, committer: input.committer, metadata: input.metadata ?? {} }
    const record = { repository: repoName, branchId: destName, mergeSource: sourceRef, commit: about }
    const merge = () => this.merges.merge(repoName, sourceRef, destName, input)
    return this.#around({ ...record, eventType: 'pre-merge', sourceRef: source.id }, merge, (c) => ({ ...record, eventType: 'post-merge', sourceRef: c.id, commitId: c.id }))
  }

  /** createBranch with pre-create-branch and post-create-branch hooks, read from the source commit. */
  createBranch(repoName: string, name: string, source: string, options: { hidden?: boolean; user: string }): Promise<Branch> {
    const repo = this.world.repository(repoName)
    validateBranchName(name)
    if (repo.branches.has(name)) throw errors.branchExists()
    const commit = this.refs.resolveCommit(repo, source)
    const record = { repository: repoName, branchId: name, sourceRef: commit.id, commitId: commit.id, commit: NO_COMMIT, user: options.user }
    const create = () => this.refs.createBranch(repoName, name, source, { hidden: options.hidden })
    return this.#around({ ...record, eventType: 'pre-create-branch' }, create, () => ({ ...record, eventType: 'post-create-branch' }))
  }

  deleteBranch(repoName: string, name: string, user: string): Promise<void> {
    const branch = this.world.branch(this.world.repository(repoName), name)
    const record = { repository: repoName, branchId: name, sourceRef: branch.head, commitId: branch.head, commit: NO_COMMIT, user }
    return this.#around({ ...record, eventType: 'pre-delete-branch' }, () => this.refs.deleteBranch(repoName, name), () => ({ ...record, eventType: 'post-delete-branch' }))
  }

  /** createTag with pre-create-tag and post-create-tag hooks (no branch: tag events take no branch filter). */
  createTag(repoName: string, id: string, ref: string, user: string, force = false): Promise<string> {
    const repo = this.world.repository(repoName)
    validateTagId(id)
    const commit = this.refs.resolveCommit(repo, ref)
    if (repo.tags.has(id) && !force) throw errors.tagExists()
    const record = { repository: repoName, branchId: '', tagId: id, sourceRef: commit.id, commitId: commit.id, commit: NO_COMMIT, user }
    return this.#around({ ...record, eventType: 'pre-create-tag' }, () => this.refs.createTag(repoName, id, ref, force), () => ({ ...record, eventType: 'post-create-tag' }))
  }

  deleteTag(repoName: string, id: string, user: string): Promise<void> {
    const commitId = this.refs.getTag(repoName, id)
    const record = { repository: repoName, branchId: '', tagId: id, sourceRef: commitId, commitId, commit: NO_COMMIT, user }
    return this.#around({ ...record, eventType: 'pre-delete-tag' }, () => this.refs.deleteTag(repoName, id), () => ({ ...record, eventType: 'post-delete-tag' }))
  }

  /** revert and cherry-pick with their pre- and post- hooks, read from the branch. */
  revert(repoName: string, branchName: string, ref: string, parentNumber: number, input: Parameters<MergeService['revert']>[4]): Promise<Commit> {
    const record = this.#onBranch(repoName, branchName, { message: input.message ?? `Revert ${ref}`, committer: input.committer, metadata: input.metadata ?? {} })
    const revert = () => this.merges.revert(repoName, branchName, ref, parentNumber, input)
    return this.#around({ ...record, eventType: 'pre-revert' }, revert, (c) => ({ ...record, eventType: 'post-revert', sourceRef: c.id, commitId: c.id }))
  }

  cherryPick(repoName: string, branchName: string, ref: string, parentNumber: number | undefined, input: Parameters<MergeService['cherryPick']>[4]): Promise<Commit> {
    const record = this.#onBranch(repoName, branchName, { message: input.message ?? '', committer: input.committer, metadata: input.metadata ?? {} })
    const pick = () => this.merges.cherryPick(repoName, branchName, ref, parentNumber, input)
    return this.#around({ ...record, eventType: 'pre-cherry-pick' }, pick, (c) => ({ ...record, eventType: 'post-cherry-pick', sourceRef: c.id, commitId: c.id }))
  }

  #onBranch(repoName: string, branchName: string, commit: HookRecord['commit']) {
    this.world.branch(this.world.repository(repoName), branchName)
    return { repository: repoName, branchId: branchName, sourceRef: branchName, commit }
  }

  /** The pre-event hooks (a failure aborts with 412), the write, then the post-event hooks in the background. */
  async #around<T>(pre: HookRecord, write: () => T, post: (result: T) => HookRecord): Promise<T> {
    const runId = await this.#before(pre)
    const result = write()
    this.#after(runId, post(result))
    return result
  }

  async #before(record: HookRecord): Promise<string | undefined> {
    const plan = this.actions.plan(record)
    if (!plan) return undefined
    const outcome = await this.actions.execute(plan, record)
    if (outcome.error) throw aborted(record.eventType, outcome.runId, outcome.error)
    return outcome.runId
  }

  /** Post-event hooks run in the background; the pre-event run is told the commit (UpdateCommitID). */
  #after(preRunId: string | undefined, record: HookRecord): void {
    if (preRunId) {
      const pre = this.actions.runs.get(record.repository, preRunId)
      if (pre) pre.commitId = record.commitId ?? ''
    }
    void this.actions.run(record).catch(() => undefined)
  }
}
