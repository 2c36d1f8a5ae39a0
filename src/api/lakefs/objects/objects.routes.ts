/** Object reads, listings, uploads and the branch diff that an import workflow touches. */
import { createRoute, z } from '@hono/zod-openapi'
import {
  basicAuth,
  branchParam,
  DiffListSchema,
  errorResponses,
  jsonBody,
  jsonContent,
  ObjectCopyCreationSchema,
  ObjectErrorListSchema,
  ObjectStatsListSchema,
  ObjectStatsSchema,
  PaginationQuery,
  PathListSchema,
  refParam,
  repositoryParam,
  UnderlyingObjectPropertiesSchema,
  UpdateObjectUserMetadataSchema,
} from '../schemas.js'
import { queryBoolean } from '../query-params.js'

const refParams = z.object({ repository: repositoryParam, ref: refParam })
const branchParams = z.object({ repository: repositoryParam, branch: branchParam })
const pathQuery = z.string().openapi({ param: { name: 'path', in: 'query' } })
const presign = queryBoolean('presign')
const userMetadata = queryBoolean('user_metadata')
const delimiter = z.string().optional().openapi({ param: { name: 'delimiter', in: 'query' } })
const rangeHeader = z
  .string()
  .regex(/^bytes=((\d*-\d*,? ?)+)$/)
  .optional()
  .openapi({ param: { name: 'Range', in: 'header' }, example: 'bytes=0-1023' })
const binary = z.string().openapi({ format: 'binary' })
const objectHeaders = {
  'Content-Length': { schema: { type: 'integer' as const, format: 'int64' } },
  'Last-Modified': { schema: { type: 'string' as const } },
  ETag: { schema: { type: 'string' as const } },
}

export const getObject = createRoute({
  method: 'get',
  path: '/repositories/{repository}/refs/{ref}/objects',
  operationId: 'getObject',
  tags: ['objects'],
  security: basicAuth,
  request: {
    params: refParams,
    query: z.object({ path: pathQuery, presign }),
    headers: z.object({
      Range: rangeHeader,
      'If-None-Match': z.string().optional().openapi({ param: { name: 'If-None-Match', in: 'header' } }),
    }),
  },
  responses: {
    200: { content: { 'application/octet-stream': { schema: binary } }, headers: objectHeaders, description: 'object content' },
    206: {
      content: { 'application/octet-stream': { schema: binary } },
      headers: { ...objectHeaders, 'Content-Range': { schema: { type: 'string' as const } } },
      description: 'partial object content',
    },
    ...errorResponses(400, 401, 404, 416, 429),
  },
})

export const headObject = createRoute({
  method: 'head',
  path: '/repositories/{repository}/refs/{ref}/objects',
  operationId: 'headObject',
  tags: ['objects'],
  security: basicAuth,
  request: { params: refParams, query: z.object({ path: pathQuery }), headers: z.object({ Range: rangeHeader }) },
  responses: {
    200: { headers: objectHeaders, description: 'object exists' },
    206: { headers: objectHeaders, description: 'partial object content info' },
    400: { description: 'Bad Request' },
    401: { description: 'Unauthorized' },
    404: { description: 'object not found' },
    416: { description: 'Requested Range Not Satisfiable' },
    429: { description: 'too many requests' },
    default: { description: 'internal server error' },
  },
})

export const statObject = createRoute({
  method: 'get',
  path: '/repositories/{repository}/refs/{ref}/objects/stat',
  operationId: 'statObject',
  tags: ['objects'],
  security: basicAuth,
  request: { params: refParams, query: z.object({ path: pathQuery, user_metadata: userMetadata, presign }) },
  responses: { 200: jsonContent(ObjectStatsSchema, 'object metadata'), ...errorResponses(400, 401, 404, 429) },
})

export const listObjects = createRoute({
  method: 'get',
  path: '/repositories/{repository}/refs/{ref}/objects/ls',
  operationId: 'listObjects',
  tags: ['objects'],
  security: basicAuth,
  request: {
    params: refParams,
    query: z.object({ ...PaginationQuery, delimiter, user_metadata: userMetadata, presign }),
  },
  responses: { 200: jsonContent(ObjectStatsListSchema, 'object listing'), ...errorResponses(400, 401, 404, 429) },
})

export const uploadObject = createRoute({
  method: 'post',
  path: '/repositories/{repository}/branches/{branch}/objects',
  operationId: 'uploadObject',
  tags: ['objects'],
  security: basicAuth,
  request: {
    params: branchParams,
    query: z.object({
      path: pathQuery,
      storageClass: z.string().optional().openapi({ param: { name: 'storageClass', in: 'query' } }),
      force: queryBoolean('force'),
    }),
    headers: z.object({
      'If-None-Match': z.string().optional().openapi({ param: { name: 'If-None-Match', in: 'header' } }),
      'If-Match': z.string().optional().openapi({ param: { name: 'If-Match', in: 'header' } }),
    }),
    // The raw body is read by the handler; SDKs send it with the object's own content type.
    body: {
      content: {
        // A plain schema, not zod: any content type is an object's own, so none may be refused.
        'multipart/form-data': {
          schema: {
            type: 'object' as const,
            properties: {
              content: { type: 'string' as const, format: 'binary', description: 'Only a single file per upload which must be named "content".' },
            },
          },
        },
        'application/octet-stream': { schema: binary },
      },
    },
  },
  responses: {
    201: jsonContent(ObjectStatsSchema, 'object metadata'),
    ...errorResponses(400, 401, 403, 404, 412, 429, 501),
  },
})

export const deleteObject = createRoute({
  method: 'delete',
  path: '/repositories/{repository}/branches/{branch}/objects',
  operationId: 'deleteObject',
  tags: ['objects'],
  security: basicAuth,
  request: {
    params: branchParams,
    query: z.object({ path: pathQuery, force: queryBoolean('force') }),
  },
  responses: {
    204: { description: 'object deleted successfully' },
    ...errorResponses(400, 401, 403, 404, 429),
  },
})

export const diffBranch = createRoute({
  method: 'get',
  path: '/repositories/{repository}/branches/{branch}/diff',
  operationId: 'diffBranch',
  tags: ['branches'],
  security: basicAuth,
  request: { params: branchParams, query: z.object({ ...PaginationQuery, delimiter }) },
  responses: {
    200: jsonContent(DiffListSchema, 'diff of branch uncommitted changes'),
    ...errorResponses(400, 401, 404, 429),
  },
})


export const deleteObjects = createRoute({
  method: 'post',
  path: '/repositories/{repository}/branches/{branch}/objects/delete',
  operationId: 'deleteObjects',
  tags: ['objects'],
  security: basicAuth,
  request: {
    params: branchParams,
    query: z.object({
      force: queryBoolean('force'),
      no_tombstone: queryBoolean('no_tombstone'),
    }),
    body: jsonBody(PathListSchema),
  },
  responses: { 200: jsonContent(ObjectErrorListSchema, 'Delete objects response'), ...errorResponses(400, 401, 403, 404, 429) },
})

export const copyObject = createRoute({
  method: 'post',
  path: '/repositories/{repository}/branches/{branch}/objects/copy',
  operationId: 'copyObject',
  tags: ['objects'],
  security: basicAuth,
  request: {
    params: branchParams,
    query: z.object({ dest_path: z.string().openapi({ param: { name: 'dest_path', in: 'query' } }) }),
    body: jsonBody(ObjectCopyCreationSchema),
  },
  responses: { 201: jsonContent(ObjectStatsSchema, 'Copy object response'), ...errorResponses(400, 401, 403, 404, 429) },
})

export const updateObjectUserMetadata = createRoute({
  method: 'put',
  path: '/repositories/{repository}/branches/{branch}/objects/stat/user_metadata',
  operationId: 'updateObjectUserMetadata',
  tags: ['objects'],
  security: basicAuth,
  request: { params: branchParams, query: z.object({ path: pathQuery }), body: jsonBody(UpdateObjectUserMetadataSchema) },
  responses: { 201: { description: 'User metadata updated' }, ...errorResponses(400, 401, 404, 429) },
})

export const getUnderlyingProperties = createRoute({
  method: 'get',
  path: '/repositories/{repository}/refs/{ref}/objects/underlyingProperties',
  operationId: 'getUnderlyingProperties',
  tags: ['objects'],
  security: basicAuth,
  request: { params: refParams, query: z.object({ path: pathQuery }) },
  responses: { 200: jsonContent(UnderlyingObjectPropertiesSchema, 'object metadata on underlying storage'), ...errorResponses(400, 401, 404, 429) },
})
