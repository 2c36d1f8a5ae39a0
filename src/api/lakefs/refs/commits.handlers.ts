/** Handlers for commits, the log, diffs between refs, merges, reverts, cherry-picks and resets. */
import { ConflictError, NotImplementedError } from '../../../emulator/errors.js'
import { pageAmount } from '../../../emulator/catalog/pagination.js'
import { signedIn } from '../auth.js'
import type * as routes from './commits.routes.js'
import { toCommit, toDiff, toPagination } from '../dto.js'
import type { LakeFSHandler } from '../create-router.js'

export const commit: LakeFSHandler<typeof routes.commit> = async (c) => {
  const { emulator, user } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  if (c.req.valid('query').source_metarange !== undefined) {
    throw new NotImplementedError('commit with source_metarange is not supported by the emulator')
  }
  const body = c.req.valid('json')
  const commit = await emulator.hooked.commit(repository, branch, {
    committer: user,
    message: body.message,
    metadata: body.metadata,
    date: body.date,
    allowEmpty: body.allow_empty,
  })
  return c.json(toCommit(commit), 201)
}

export const logCommits: LakeFSHandler<typeof routes.logCommits> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, ref } = c.req.valid('param')
  const q = c.req.valid('query')
  const page = emulator.commits.log(repository, ref, {
    after: q.after,
    amount: pageAmount(q.amount),
    objects: q.objects,
    prefixes: q.prefixes,
    limit: q.limit,
    firstParent: q.first_parent,
    since: q.since === undefined ? undefined : Math.floor(q.since / 1000),
    stopAt: q.stop_at,
  })
  return c.json({ pagination: toPagination(page), results: page.results.map(toCommit) }, 200)
}

export const diffRefs: LakeFSHandler<typeof routes.diffRefs> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, leftRef, rightRef } = c.req.valid('param')
  const q = c.req.valid('query')
  const page = emulator.commits.diffRefs(repository, leftRef, rightRef, q.type ?? 'three_dot', { ...q, amount: pageAmount(q.amount) })
  return c.json({ pagination: toPagination(page), results: page.results.map(toDiff) }, 200)
}

export const mergeIntoBranch: LakeFSHandler<typeof routes.mergeIntoBranch> = async (c) => {
  const { emulator, user } = signedIn(c)
  const { repository, sourceRef, destinationBranch } = c.req.valid('param')
  const body = c.req.valid('json') ?? {}
  try {
    const commit = await emulator.hooked.merge(repository, sourceRef, destinationBranch, {
      committer: user,
      message: body.message,
      metadata: body.metadata,
      strategy: body.strategy,
      allowEmpty: body.allow_empty,
      force: body.force,
      squash: body.squash_merge,
    })
    return c.json({ reference: commit.id }, 200)
  } catch (err) {
    // lakeFS answers a conflict with an empty MergeResult; the message is added for clients that read Error.
    if (err instanceof ConflictError) return c.json({ reference: '', message: err.message }, 409)
    throw err
  }
}

export const findMergeBase: LakeFSHandler<typeof routes.findMergeBase> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, sourceRef, destinationBranch } = c.req.valid('param')
  const { source, destination, base } = emulator.merges.mergeBase(repository, sourceRef, destinationBranch)
  return c.json({ source_commit_id: source.id, destination_commit_id: destination.id, base_commit_id: base.id }, 200)
}

export const revertBranch: LakeFSHandler<typeof routes.revertBranch> = async (c) => {
  const { emulator, user } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  const body = c.req.valid('json')
  await emulator.hooked.revert(repository, branch, body.ref, body.parent_number, {
    committer: user,
    allowEmpty: body.allow_empty,
    message: body.commit_overrides?.message,
    metadata: body.commit_overrides?.metadata,
  })
  return c.body(null, 204)
}

export const cherryPick: LakeFSHandler<typeof routes.cherryPick> = async (c) => {
  const { emulator, user } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  const body = c.req.valid('json')
  const commit = await emulator.hooked.cherryPick(repository, branch, body.ref, body.parent_number, {
    committer: user,
    message: body.commit_overrides?.message,
    metadata: body.commit_overrides?.metadata,
  })
  return c.json(toCommit(commit), 201)
}

export const resetBranch: LakeFSHandler<typeof routes.resetBranch> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  const body = c.req.valid('json')
  emulator.commits.reset(repository, branch, { type: body.type, path: body.path })
  return c.body(null, 204)
}

export const hardResetBranch: LakeFSHandler<typeof routes.hardResetBranch> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  emulator.commits.hardReset(repository, branch, c.req.valid('query').ref)
  return c.body(null, 204)
}

/** controller.go CreateCommitRecord: a commit written as given (lakeFS's own migration tools write them). */
export const CreateCommitRecord: LakeFSHandler<typeof routes.CreateCommitRecord> = (c) => {
  const { emulator } = signedIn(c)
  const body = c.req.valid('json')
  emulator.commits.createRecord(
    c.req.valid('param').repository,
    body.commit_id,
    {
      parents: body.parents,
      committer: body.committer,
      message: body.message,
      creationDate: body.creation_date,
      metaRangeId: body.metarange_id,
      metadata: body.metadata ?? {},
      generation: body.generation,
      version: body.version,
    },
    body.force
  )
  return c.body(null, 204)
}
