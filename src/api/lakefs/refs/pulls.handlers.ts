/** Handlers for pull requests (controller.go *PullRequest*, over the core's PullRequestService). */
import type { PullRequest } from '../../../emulator/catalog/pull-requests.js'
import { pageAmount } from '../../../emulator/catalog/pagination.js'
import type { Emulator } from '../../../emulator/emulator.js'
import { signedIn } from '../auth.js'
import type { LakeFSHandler } from '../create-router.js'
import { goTime } from '../dto.js'
import type * as routes from './pulls.routes.js'
import type { z } from '@hono/zod-openapi'
import type { PullRequestSchema } from '../schemas.js'

/** controller.go DefaultMaxPerPage, which paginationFor reports. */
const MAX_PER_PAGE = 1000

/**
 * apigen.PullRequest. A listing leaves out the description and merged commit (controller.go
 * ListPullRequests), although the swagger requires a description: the generated Python SDK refuses
 * lakeFS's listing, and the emulator's, alike.
 */
function toPullRequest(pr: PullRequest, listed = false): z.infer<typeof PullRequestSchema> {
  return {
    status: pr.status,
    title: pr.title,
    ...(listed ? {} : { description: pr.description }),
    id: pr.id,
    creation_date: goTime(pr.creationDate),
    author: pr.author,
    source_branch: pr.source,
    destination_branch: pr.destination,
    ...(listed || pr.mergedCommitId === undefined ? {} : { merged_commit_id: pr.mergedCommitId }),
    ...(pr.closedDate === undefined ? {} : { closed_date: goTime(pr.closedDate) }),
  } as z.infer<typeof PullRequestSchema>
}

/** model.User.Committer: the user's email when set, else their id. */
function committerOf(emulator: Emulator, user: string): string {
  return emulator.auth.listUsers().find((u) => u.id === user)?.email || user
}

export const listPullRequests: LakeFSHandler<typeof routes.listPullRequests> = (c) => {
  const { emulator } = signedIn(c)
  const q = c.req.valid('query')
  const page = emulator.pulls.list(c.req.valid('param').repository, { prefix: q.prefix, after: q.after, amount: pageAmount(q.amount), status: q.status })
  const results = page.results.map((pr) => toPullRequest(pr, true))
  const last = results[results.length - 1]
  const pagination = { has_more: page.hasMore, next_offset: page.hasMore && last ? last.id : '', results: results.length, max_per_page: MAX_PER_PAGE }
  return c.json({ pagination, results }, 200)
}

/** controller.go CreatePullRequest: the author is the user's committer name (their email when set, else their id). */
export const createPullRequest: LakeFSHandler<typeof routes.createPullRequest> = (c) => {
  const { emulator, user } = signedIn(c)
  const body = c.req.valid('json')
  const id = emulator.pulls.create(c.req.valid('param').repository, { title: body.title, description: body.description, author: committerOf(emulator, user), source: body.source_branch, destination: body.destination_branch })
  return c.json({ id }, 201)
}

export const getPullRequest: LakeFSHandler<typeof routes.getPullRequest> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, pull_request: id } = c.req.valid('param')
  return c.json(toPullRequest(emulator.pulls.get(repository, id)), 200)
}

/** controller.go UpdatePullRequest writes 204, whatever the swagger declares. */
export const updatePullRequest: LakeFSHandler<typeof routes.updatePullRequest> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, pull_request: id } = c.req.valid('param')
  const body = c.req.valid('json')
  emulator.pulls.update(repository, id, { title: body.title, description: body.description, status: body.status })
  return c.body(null, 204 as 200)
}

/** controller.go MergePullRequest: merged as the user (its committer name), once authenticated. */
export const mergePullRequest: LakeFSHandler<typeof routes.mergePullRequest> = async (c) => {
  const { repository, pull_request: id } = c.req.valid('param')
  const { emulator, user } = signedIn(c)
  return c.json({ reference: await emulator.pulls.merge(repository, id, committerOf(emulator, user)) }, 200)
}
