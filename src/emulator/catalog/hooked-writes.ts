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
import type { CommitInput, RefService } from './ref-service.js'
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

const aborted = (event: string, runId: string, error: string) => new PreconditionFailedError(`${event} hook aborted, run id '${runId}': ${error}`)

export class HookedWrites {
  constructor(
    private readonly world: World,
    private readonly refs: RefService,
    private readonly commits: CommitService,
    private readonly merges: MergeService,
    private readonly actions: ActionsService
  ) {}

  /** commit with pre-commit and post-commit hooks; protection is checked first, as graveler does. */
  async commit(repoName: string, branchName: string, input: CommitInput): Promise<Commit> {
    const repo = this.world.repository(repoName)
    this.world.branch(repo, branchName)
    if (this.refs.isProtected(repo, branchName)) throw errors.commitToProtectedBranch()
    const about = { message: input.message, committer: input.committer, metadata: input.metadata ?? {} }
    const pre = await this.actions.run({ eventType: 'pre-commit', repository: repoName, branchId: branchName, sourceRef: branchName, commit: about })
    if (pre?.error) throw aborted('pre-commit', pre.runId, pre.error)
    const commit = this.commits.commit(repoName, branchName, input)
    this.#after(pre?.runId, { eventType: 'post-commit', repository: repoName, branchId: branchName, sourceRef: commit.id, commitId: commit.id, commit: about })
    return commit
  }

  /** mergeIntoBranch with pre-merge and post-merge hooks; the action files are the source's. */
  async merge(repoName: string, sourceRef: string, destName: string, input: MergeInput): Promise<Commit> {
    const repo = this.world.repository(repoName)
    this.world.branch(repo, destName)
    const source = this.refs.resolveCommit(repo, sourceRef)
    const about = { message: input.message || `Merge '${sourceRef}' into '${destName}'`, committer: input.committer, metadata: input.metadata ?? {} }
    const record = { repository: repoName, branchId: destName, mergeSource: sourceRef, commit: about }
    const pre = await this.actions.run({ ...record, eventType: 'pre-merge', sourceRef: source.id })
    if (pre?.error) throw aborted('pre-merge', pre.runId, pre.error)
    const commit = this.merges.merge(repoName, sourceRef, destName, input)
    this.#after(pre?.runId, { ...record, eventType: 'post-merge', sourceRef: commit.id, commitId: commit.id })
    return commit
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
