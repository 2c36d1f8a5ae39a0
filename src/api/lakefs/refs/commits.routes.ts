/** Commits, the log, diffs between refs, merges, reverts, cherry-picks and branch resets. */
import { createRoute, z } from '@hono/zod-openapi'
import {
  pathParam,
  CommitRecordCreationSchema,
  basicAuth,
  branchParam,
  CherryPickCreationSchema,
  CommitCreationSchema,
  CommitListSchema,
  CommitSchema,
  DiffListSchema,
  errorResponses,
  ErrorSchema,
  FindMergeBaseResultSchema,
  jsonBody,
  jsonContent,
  MergeResultSchema,
  MergeSchema,
  PaginationQuery,
  refParam,
  repositoryParam,
  ResetCreationSchema,
  RevertCreationSchema,
} from '../schemas.js'
import { queryBoolean, queryDateTime, queryList } from '../query-params.js'

const branchParams = z.object({ repository: repositoryParam, branch: branchParam })
const mergeParams = z.object({ repository: repositoryParam, sourceRef: pathParam('sourceRef'), destinationBranch: pathParam('destinationBranch') })
const conflict = { 409: jsonContent(ErrorSchema, 'Conflict Found') }

export const commit = createRoute({
  method: 'post',
  path: '/repositories/{repository}/branches/{branch}/commits',
  operationId: 'commit',
  tags: ['commits'],
  security: basicAuth,
  request: {
    params: branchParams,
    query: z.object({ source_metarange: z.string().optional().openapi({ param: { name: 'source_metarange', in: 'query' } }) }),
    body: jsonBody(CommitCreationSchema),
  },
  responses: { 201: jsonContent(CommitSchema, 'commit'), ...errorResponses(400, 401, 403, 404, 409, 412, 429) },
})

export const logCommits = createRoute({
  method: 'get',
  path: '/repositories/{repository}/refs/{ref}/commits',
  operationId: 'logCommits',
  tags: ['refs'],
  security: basicAuth,
  request: {
    params: z.object({ repository: repositoryParam, ref: refParam }),
    query: z.object({
      after: PaginationQuery.after,
      amount: PaginationQuery.amount,
      objects: queryList('objects'),
      prefixes: queryList('prefixes'),
      limit: queryBoolean('limit'),
      first_parent: queryBoolean('first_parent'),
      since: queryDateTime('since'),
      stop_at: z.string().optional().openapi({ param: { name: 'stop_at', in: 'query' } }),
    }),
  },
  responses: { 200: jsonContent(CommitListSchema, 'commit log'), ...errorResponses(400, 401, 404, 429) },
})

export const diffRefs = createRoute({
  method: 'get',
  path: '/repositories/{repository}/refs/{leftRef}/diff/{rightRef}',
  operationId: 'diffRefs',
  tags: ['refs'],
  security: basicAuth,
  request: {
    params: z.object({ repository: repositoryParam, leftRef: pathParam('leftRef'), rightRef: pathParam('rightRef') }),
    query: z.object({
      ...PaginationQuery,
      delimiter: z.string().optional().openapi({ param: { name: 'delimiter', in: 'query' } }),
      type: z.enum(['two_dot', 'three_dot']).optional().openapi({ param: { name: 'type', in: 'query' } }),
      include_right_stats: queryBoolean('include_right_stats'),
    }),
  },
  responses: { 200: jsonContent(DiffListSchema, 'diff between refs'), ...errorResponses(400, 401, 404, 429) },
})

export const mergeIntoBranch = createRoute({
  method: 'post',
  path: '/repositories/{repository}/refs/{sourceRef}/merge/{destinationBranch}',
  operationId: 'mergeIntoBranch',
  tags: ['refs'],
  security: basicAuth,
  request: { params: mergeParams, body: jsonBody(MergeSchema, false) },
  responses: {
    200: jsonContent(MergeResultSchema, 'merge completed'),
    ...errorResponses(400, 401, 403, 404, 429),
    // lakeFS declares the conflict body as MergeResult (deprecated in favour of Error); see mergeConflictBody.
    409: jsonContent(MergeResultSchema, 'Conflict'),
    412: jsonContent(ErrorSchema, 'precondition failed (e.g. a pre-merge hook returned a failure)'),
  },
})

export const findMergeBase = createRoute({
  method: 'get',
  path: '/repositories/{repository}/refs/{sourceRef}/merge/{destinationBranch}',
  operationId: 'findMergeBase',
  tags: ['refs'],
  security: basicAuth,
  request: { params: mergeParams },
  responses: { 200: jsonContent(FindMergeBaseResultSchema, 'Found the merge base'), ...errorResponses(400, 401, 404, 429) },
})

export const revertBranch = createRoute({
  method: 'post',
  path: '/repositories/{repository}/branches/{branch}/revert',
  operationId: 'revertBranch',
  tags: ['branches'],
  security: basicAuth,
  request: { params: branchParams, body: jsonBody(RevertCreationSchema) },
  responses: { 204: { description: 'revert successful' }, ...errorResponses(400, 401, 403, 404, 429), ...conflict },
})

export const cherryPick = createRoute({
  method: 'post',
  path: '/repositories/{repository}/branches/{branch}/cherry-pick',
  operationId: 'cherryPick',
  tags: ['branches'],
  security: basicAuth,
  request: { params: branchParams, body: jsonBody(CherryPickCreationSchema) },
  responses: { 201: jsonContent(CommitSchema, 'the cherry-pick commit'), ...errorResponses(400, 401, 403, 404, 429), ...conflict },
})

export const resetBranch = createRoute({
  method: 'put',
  path: '/repositories/{repository}/branches/{branch}',
  operationId: 'resetBranch',
  tags: ['branches'],
  security: basicAuth,
  request: { params: branchParams, body: jsonBody(ResetCreationSchema) },
  responses: { 204: { description: 'reset successful' }, ...errorResponses(400, 401, 403, 404, 429) },
})

export const hardResetBranch = createRoute({
  method: 'put',
  path: '/repositories/{repository}/branches/{branch}/hard_reset',
  operationId: 'hardResetBranch',
  tags: ['branches'],
  security: basicAuth,
  request: {
    params: branchParams,
    query: z.object({
      ref: z.string().openapi({ param: { name: 'ref', in: 'query' } }),
      force: queryBoolean('force'),
    }),
  },
  responses: { 204: { description: 'reset successful' }, ...errorResponses(400, 401, 403, 404, 429) },
})

export const CreateCommitRecord = createRoute({
  method: 'post',
  path: '/repositories/{repository}/commits',
  operationId: 'CreateCommitRecord',
  tags: ['internal'],
  security: basicAuth,
  request: { params: z.object({ repository: repositoryParam }), body: jsonBody(CommitRecordCreationSchema) },
  responses: { 204: { description: 'commit record created' }, ...errorResponses(400, 401, 403, 404, 429) },
})
