/** importStart, importStatus, importCancel as lakeFS declares them (tag `import`). */
import { createRoute, z } from '@hono/zod-openapi'
import {
  basicAuth,
  branchParam,
  errorResponses,
  ImportCreationResponseSchema,
  ImportCreationSchema,
  ImportStatusSchema,
  jsonContent,
  repositoryParam,
} from '../schemas.js'

const path = '/repositories/{repository}/branches/{branch}/import'
const params = z.object({ repository: repositoryParam, branch: branchParam })
const idQuery = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'query' }, description: 'Unique identifier of the import process' }),
})

export const importStart = createRoute({
  method: 'post',
  path,
  operationId: 'importStart',
  tags: ['import'],
  summary: 'import data from object store',
  security: basicAuth,
  request: {
    params,
    body: { content: { 'application/json': { schema: ImportCreationSchema } }, required: true },
  },
  responses: {
    202: jsonContent(ImportCreationResponseSchema, 'Import started'),
    ...errorResponses(400, 401, 403, 404, 429),
  },
})

export const importStatus = createRoute({
  method: 'get',
  path,
  operationId: 'importStatus',
  tags: ['import'],
  summary: 'get import status',
  security: basicAuth,
  request: { params, query: idQuery },
  responses: {
    200: jsonContent(ImportStatusSchema, 'import status'),
    ...errorResponses(400, 401, 404, 429),
  },
})

export const importCancel = createRoute({
  method: 'delete',
  path,
  operationId: 'importCancel',
  tags: ['import'],
  summary: 'cancel ongoing import',
  security: basicAuth,
  request: { params, query: idQuery },
  responses: {
    204: { description: 'import canceled successfully' },
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
})
