/** Pull requests as lakeFS declares them (tags pulls, experimental). */
import { createRoute, z } from '@hono/zod-openapi'
import { bodyRequired } from '../create-router.js'
import {
  basicAuth,
  ErrorSchema,
  errorResponses,
  jsonBody,
  jsonContent,
  MergeResultSchema,
  PaginationQuery,
  pathParam,
  PullRequestBasicSchema,
  PullRequestCreationSchema,
  PullRequestSchema,
  PullRequestsListSchema,
  repositoryParam,
} from '../schemas.js'

const base = { tags: ['pulls', 'experimental'], security: basicAuth }
const repoParams = z.object({ repository: repositoryParam })
const pullParams = z.object({ repository: repositoryParam, pull_request: pathParam('pull_request') })

export const listPullRequests = createRoute({
  ...base,
  method: 'get',
  path: '/repositories/{repository}/pulls',
  operationId: 'listPullRequests',
  request: { params: repoParams, query: z.object({ ...PaginationQuery, status: z.enum(['open', 'closed', 'all']).optional().openapi({ param: { name: 'status', in: 'query' } }) }) },
  responses: { 200: jsonContent(PullRequestsListSchema, 'list of pull requests'), ...errorResponses(400, 401, 404, 429) },
})

export const createPullRequest = createRoute({
  ...base,
  method: 'post',
  path: '/repositories/{repository}/pulls',
  operationId: 'createPullRequest',
  request: { params: repoParams, body: jsonBody(PullRequestCreationSchema) },
  responses: {
    201: jsonContent(z.object({ id: z.string() }).openapi('PullRequestCreationResponse'), 'pull request created'),
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
})

export const getPullRequest = createRoute({
  ...base,
  method: 'get',
  path: '/repositories/{repository}/pulls/{pull_request}',
  operationId: 'getPullRequest',
  request: { params: pullParams },
  responses: { 200: jsonContent(PullRequestSchema, 'pull request'), ...errorResponses(400, 401, 404, 429) },
})

export const updatePullRequest = createRoute({
  ...base,
  method: 'patch',
  path: '/repositories/{repository}/pulls/{pull_request}',
  operationId: 'updatePullRequest',
  middleware: [bodyRequired] as const,
  request: { params: pullParams, body: jsonBody(PullRequestBasicSchema) },
  // lakeFS declares 200; its controller answers 204 (UpdatePullRequest), which is what clients meet.
  responses: { 200: { description: 'pull request updated successfully' }, ...errorResponses(400, 401, 403, 404, 429) },
})

export const mergePullRequest = createRoute({
  ...base,
  method: 'put',
  path: '/repositories/{repository}/pulls/{pull_request}/merge',
  operationId: 'mergePullRequest',
  request: { params: pullParams },
  responses: {
    200: jsonContent(MergeResultSchema, 'merge completed'),
    409: jsonContent(MergeResultSchema, 'Conflict'),
    412: jsonContent(ErrorSchema, 'precondition failed'),
    ...errorResponses(400, 401, 403, 404, 429),
  },
})
