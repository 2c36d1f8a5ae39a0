/** Tags as lakeFS declares them: a tag names a commit and resolves wherever a ref is accepted. */
import { createRoute, z } from '@hono/zod-openapi'
import { basicAuth, errorResponses, jsonContent, PaginationQuery, RefListSchema, RefSchema, repositoryParam, TagCreationSchema } from '../schemas.js'
import { queryBoolean } from '../query-params.js'

const repoParams = z.object({ repository: repositoryParam })
const tagParams = z.object({ repository: repositoryParam, tag: z.string().openapi({ param: { name: 'tag', in: 'path' } }) })

export const listTags = createRoute({
  method: 'get',
  path: '/repositories/{repository}/tags',
  operationId: 'listTags',
  tags: ['tags'],
  security: basicAuth,
  request: { params: repoParams, query: z.object(PaginationQuery) },
  responses: { 200: jsonContent(RefListSchema, 'tag list'), ...errorResponses(400, 401, 404, 429) },
})

export const createTag = createRoute({
  method: 'post',
  path: '/repositories/{repository}/tags',
  operationId: 'createTag',
  tags: ['tags'],
  security: basicAuth,
  request: { params: repoParams, body: { content: { 'application/json': { schema: TagCreationSchema } }, required: true } },
  responses: { 201: jsonContent(RefSchema, 'tag'), ...errorResponses(400, 401, 403, 404, 409, 429) },
})

export const getTag = createRoute({
  method: 'get',
  path: '/repositories/{repository}/tags/{tag}',
  operationId: 'getTag',
  tags: ['tags'],
  security: basicAuth,
  request: { params: tagParams },
  responses: { 200: jsonContent(RefSchema, 'tag'), ...errorResponses(400, 401, 404, 429) },
})

export const deleteTag = createRoute({
  method: 'delete',
  path: '/repositories/{repository}/tags/{tag}',
  operationId: 'deleteTag',
  tags: ['tags'],
  security: basicAuth,
  request: { params: tagParams, query: z.object({ force: queryBoolean('force') }) },
  responses: { 204: { description: 'tag deleted successfully' }, ...errorResponses(400, 401, 403, 404, 429) },
})
