/** lakeFS's metadata objects (metaranges and ranges) and the symlink files of exports, as its API declares them. */
import { createRoute, z } from '@hono/zod-openapi'
import { queryBoolean } from '../query-params.js'
import { basicAuth, errorResponses, jsonContent, pathParam, repositoryParam, StorageURISchema } from '../schemas.js'

const location = { Location: { schema: { type: 'string' as const }, description: 'redirect to S3' } }

export const getMetaRange = createRoute({
  method: 'get',
  path: '/repositories/{repository}/metadata/meta_range/{meta_range}',
  operationId: 'getMetaRange',
  tags: ['metadata'],
  security: basicAuth,
  request: { params: z.object({ repository: repositoryParam, meta_range: pathParam('meta_range') }) },
  responses: { 200: { ...jsonContent(StorageURISchema, 'metarange file URI'), headers: location }, ...errorResponses(400, 401, 404, 429) },
})

export const getRange = createRoute({
  method: 'get',
  path: '/repositories/{repository}/metadata/range/{range}',
  operationId: 'getRange',
  tags: ['metadata'],
  security: basicAuth,
  request: { params: z.object({ repository: repositoryParam, range: pathParam('range') }) },
  responses: { 200: { ...jsonContent(StorageURISchema, 'range URI'), headers: location }, ...errorResponses(400, 401, 404, 429) },
})

export const getMetadataObject = createRoute({
  method: 'get',
  path: '/repositories/{repository}/metadata/object/{type}/{object_id}',
  operationId: 'getMetadataObject',
  tags: ['internal'],
  security: basicAuth,
  request: {
    params: z.object({
      repository: repositoryParam,
      object_id: pathParam('object_id'),
      type: z.enum(['range', 'meta_range']).openapi({ param: { name: 'type', in: 'path' } }),
    }),
    query: z.object({ presign: queryBoolean('presign') }),
  },
  responses: {
    200: {
      description: 'object content',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
      headers: { 'Content-Length': { schema: { type: 'integer' as const, format: 'int64' } } },
    },
    302: { description: 'Redirect to a pre-signed URL for the object', headers: { Location: { schema: { type: 'string' as const } } } },
    ...errorResponses(400, 401, 404, 429),
  },
})

export const createSymlinkFile = createRoute({
  method: 'post',
  path: '/repositories/{repository}/refs/{branch}/symlink',
  operationId: 'createSymlinkFile',
  tags: ['internal'],
  security: basicAuth,
  request: {
    params: z.object({ repository: repositoryParam, branch: pathParam('branch') }),
    query: z.object({ location: z.string().optional().openapi({ param: { name: 'location', in: 'query' } }) }),
  },
  responses: { 201: jsonContent(StorageURISchema, 'location created'), ...errorResponses(400, 401, 404, 429) },
})
