/** What lakeFS's garbage collector asks the server to prepare, as lakeFS declares it. */
import { createRoute, z } from '@hono/zod-openapi'
import {
  basicAuth,
  errorResponses,
  GarbageCollectionPrepareResponseSchema,
  jsonBody,
  jsonContent,
  PrepareGarbageCollectionCommitsStatusSchema,
  PrepareGCUncommittedRequestSchema,
  PrepareGCUncommittedResponseSchema,
  repositoryParam,
  TaskCreationSchema,
} from '../schemas.js'

const base = { tags: ['internal'], security: basicAuth }
const params = z.object({ repository: repositoryParam })

export const prepareGarbageCollectionCommits = createRoute({
  ...base,
  method: 'post',
  path: '/repositories/{repository}/gc/prepare_commits',
  operationId: 'prepareGarbageCollectionCommits',
  request: { params },
  responses: { 201: jsonContent(GarbageCollectionPrepareResponseSchema, 'paths to commit dataset'), ...errorResponses(400, 401, 403, 404, 429) },
})

export const prepareGarbageCollectionCommitsAsync = createRoute({
  ...base,
  method: 'post',
  path: '/repositories/{repository}/gc/prepare_commits/async',
  operationId: 'prepareGarbageCollectionCommitsAsync',
  request: { params },
  responses: { 202: jsonContent(TaskCreationSchema, 'prepare GC commits task started'), ...errorResponses(400, 401, 403, 404, 429) },
})

export const prepareGarbageCollectionCommitsStatus = createRoute({
  ...base,
  method: 'get',
  path: '/repositories/{repository}/gc/prepare_commits/status',
  operationId: 'prepareGarbageCollectionCommitsStatus',
  request: { params, query: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'query' } }) }) },
  responses: { 200: jsonContent(PrepareGarbageCollectionCommitsStatusSchema, 'prepare GC commits task status'), ...errorResponses(400, 401, 403, 404, 429) },
})

export const prepareGarbageCollectionUncommitted = createRoute({
  ...base,
  method: 'post',
  path: '/repositories/{repository}/gc/prepare_uncommited',
  operationId: 'prepareGarbageCollectionUncommitted',
  request: { params, body: jsonBody(PrepareGCUncommittedRequestSchema, false) },
  responses: { 201: jsonContent(PrepareGCUncommittedResponseSchema, 'paths to expired dataset'), ...errorResponses(400, 401, 403, 404, 429) },
})
