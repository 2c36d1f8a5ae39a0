/** The actions runs API (lakeFS's swagger.yml, tag "actions"): runs, their hooks and each hook's output. */
import { createRoute, z } from '@hono/zod-openapi'
import { basicAuth, errorResponses, jsonContent, PaginationQuery, PaginationSchema, repositoryParam } from '../schemas.js'

const runId = z.string().openapi({ param: { name: 'run_id', in: 'path' } })
const hookRunId = z.string().openapi({ param: { name: 'hook_run_id', in: 'path' } })
const status = z.enum(['failed', 'completed'])

export const ActionRunSchema = z
  .object({
    run_id: z.string(),
    branch: z.string(),
    start_time: z.string(),
    end_time: z.string().optional(),
    event_type: z.string(),
    status,
    commit_id: z.string(),
  })
  .openapi('ActionRun')

export const HookRunSchema = z
  .object({ hook_run_id: z.string(), action: z.string(), hook_id: z.string(), start_time: z.string(), end_time: z.string().optional(), status })
  .openapi('HookRun')

export const listRepositoryRuns = createRoute({
  method: 'get',
  path: '/repositories/{repository}/actions/runs',
  operationId: 'listRepositoryRuns',
  tags: ['actions'],
  security: basicAuth,
  request: {
    params: z.object({ repository: repositoryParam }),
    query: z.object({
      after: PaginationQuery.after,
      amount: PaginationQuery.amount,
      branch: z.string().optional().openapi({ param: { name: 'branch', in: 'query' } }),
      commit: z.string().optional().openapi({ param: { name: 'commit', in: 'query' } }),
    }),
  },
  responses: {
    200: jsonContent(z.object({ pagination: PaginationSchema, results: z.array(ActionRunSchema) }).openapi('ActionRunList'), 'list action runs'),
    ...errorResponses(400, 401, 404, 429),
  },
})

export const getRun = createRoute({
  method: 'get',
  path: '/repositories/{repository}/actions/runs/{run_id}',
  operationId: 'getRun',
  tags: ['actions'],
  security: basicAuth,
  request: { params: z.object({ repository: repositoryParam, run_id: runId }) },
  responses: { 200: jsonContent(ActionRunSchema, 'action run result'), ...errorResponses(400, 401, 404, 429) },
})

export const listRunHooks = createRoute({
  method: 'get',
  path: '/repositories/{repository}/actions/runs/{run_id}/hooks',
  operationId: 'listRunHooks',
  tags: ['actions'],
  security: basicAuth,
  request: { params: z.object({ repository: repositoryParam, run_id: runId }), query: z.object({ after: PaginationQuery.after, amount: PaginationQuery.amount }) },
  responses: {
    200: jsonContent(z.object({ pagination: PaginationSchema, results: z.array(HookRunSchema) }).openapi('HookRunList'), 'list specific run hooks'),
    ...errorResponses(400, 401, 404, 429),
  },
})

export const getRunHookOutput = createRoute({
  method: 'get',
  path: '/repositories/{repository}/actions/runs/{run_id}/hooks/{hook_run_id}/output',
  operationId: 'getRunHookOutput',
  tags: ['actions'],
  security: basicAuth,
  request: { params: z.object({ repository: repositoryParam, run_id: runId, hook_run_id: hookRunId }) },
  responses: {
    200: { content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } }, description: 'run hook output' },
    ...errorResponses(400, 401, 404, 429),
  },
})
