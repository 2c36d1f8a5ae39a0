/** Refs dump and restore, at once and as tasks, as lakeFS declares them. */
import { createRoute, z } from '@hono/zod-openapi'
import {
  basicAuth,
  errorResponses,
  jsonBody,
  jsonContent,
  RefsDumpSchema,
  RefsRestoreSchema,
  repositoryParam,
  RepositoryDumpStatusSchema,
  RepositoryRestoreStatusSchema,
  TaskInfoSchema,
} from '../schemas.js'

const base = { tags: ['repositories'], security: basicAuth }
const params = z.object({ repository: repositoryParam })
const taskQuery = z.object({ task_id: z.string().openapi({ param: { name: 'task_id', in: 'query' } }) })

export const dumpRefs = createRoute({
  ...base,
  tags: ['internal'],
  method: 'put',
  path: '/repositories/{repository}/refs/dump',
  operationId: 'dumpRefs',
  request: { params },
  responses: { 201: jsonContent(RefsDumpSchema, 'refs dump'), ...errorResponses(400, 401, 404, 429) },
})

export const restoreRefs = createRoute({
  ...base,
  tags: ['internal'],
  method: 'put',
  path: '/repositories/{repository}/refs/restore',
  operationId: 'restoreRefs',
  request: { params, body: jsonBody(RefsRestoreSchema) },
  responses: { 200: { description: 'refs successfully loaded' }, ...errorResponses(400, 401, 404, 429) },
})

export const dumpSubmit = createRoute({
  ...base,
  method: 'post',
  path: '/repositories/{repository}/dump',
  operationId: 'dumpSubmit',
  request: { params },
  responses: { 202: jsonContent(TaskInfoSchema, 'dump task information'), ...errorResponses(400, 401, 404) },
})

export const dumpStatus = createRoute({
  ...base,
  method: 'get',
  path: '/repositories/{repository}/dump',
  operationId: 'dumpStatus',
  request: { params, query: taskQuery },
  responses: { 200: jsonContent(RepositoryDumpStatusSchema, 'dump task status'), ...errorResponses(400, 401, 404, 429) },
})

export const restoreSubmit = createRoute({
  ...base,
  method: 'post',
  path: '/repositories/{repository}/restore',
  operationId: 'restoreSubmit',
  request: { params, body: jsonBody(RefsRestoreSchema) },
  responses: { 202: jsonContent(TaskInfoSchema, 'restore task created'), ...errorResponses(400, 401, 403, 404) },
})

export const restoreStatus = createRoute({
  ...base,
  method: 'get',
  path: '/repositories/{repository}/restore',
  operationId: 'restoreStatus',
  request: { params, query: taskQuery },
  responses: { 200: jsonContent(RepositoryRestoreStatusSchema, 'restore task status'), ...errorResponses(400, 401, 404, 429) },
})
