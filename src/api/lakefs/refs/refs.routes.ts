/** Repository, branch and commit operations used around an import. */
import { createRoute, z } from '@hono/zod-openapi'
import {
  basicAuth,
  branchParam,
  BranchCreationSchema,
  BranchProtectionRuleSchema,
  CommitSchema,
  errorResponses,
  jsonContent,
  PaginationQuery,
  RefListSchema,
  RefSchema,
  repositoryParam,
  RepositoryCreationSchema,
  RepositoryListSchema,
  RepositoryMetadataKeysSchema,
  RepositoryMetadataSchema,
  RepositoryMetadataSetSchema,
  RepositorySchema,
} from '../schemas.js'
import { queryBoolean } from '../query-params.js'

const repoParams = z.object({ repository: repositoryParam })
const branchParams = z.object({ repository: repositoryParam, branch: branchParam })
const force = queryBoolean('force')

export const listRepositories = createRoute({
  method: 'get',
  path: '/repositories',
  operationId: 'listRepositories',
  tags: ['repositories'],
  security: basicAuth,
  request: {
    query: z.object({
      ...PaginationQuery,
      search: z.string().optional().openapi({ param: { name: 'search', in: 'query' } }),
    }),
  },
  responses: {
    200: jsonContent(RepositoryListSchema, 'repository list'),
    ...errorResponses(400, 401, 429),
  },
})

export const createRepository = createRoute({
  method: 'post',
  path: '/repositories',
  operationId: 'createRepository',
  tags: ['repositories'],
  security: basicAuth,
  request: {
    query: z.object({ bare: queryBoolean('bare') }),
    body: { content: { 'application/json': { schema: RepositoryCreationSchema } }, required: true },
  },
  responses: {
    201: jsonContent(RepositorySchema, 'repository'),
    ...errorResponses(400, 401, 409, 429),
  },
})

export const getRepository = createRoute({
  method: 'get',
  path: '/repositories/{repository}',
  operationId: 'getRepository',
  tags: ['repositories'],
  security: basicAuth,
  request: { params: repoParams },
  responses: { 200: jsonContent(RepositorySchema, 'repository'), ...errorResponses(400, 401, 404, 429) },
})

export const deleteRepository = createRoute({
  method: 'delete',
  path: '/repositories/{repository}',
  operationId: 'deleteRepository',
  tags: ['repositories'],
  security: basicAuth,
  request: { params: repoParams, query: z.object({ force }) },
  responses: {
    204: { description: 'repository deleted successfully' },
    ...errorResponses(400, 401, 404, 429),
  },
})

export const getRepositoryMetadata = createRoute({
  method: 'get',
  path: '/repositories/{repository}/metadata',
  operationId: 'getRepositoryMetadata',
  tags: ['repositories'],
  security: basicAuth,
  request: { params: repoParams },
  responses: {
    200: jsonContent(RepositoryMetadataSchema, 'repository metadata'),
    ...errorResponses(400, 401, 404, 429),
  },
})

export const listBranches = createRoute({
  method: 'get',
  path: '/repositories/{repository}/branches',
  operationId: 'listBranches',
  tags: ['branches'],
  security: basicAuth,
  request: {
    params: repoParams,
    query: z.object({
      ...PaginationQuery,
      show_hidden: queryBoolean('show_hidden'),
    }),
  },
  responses: { 200: jsonContent(RefListSchema, 'branch list'), ...errorResponses(400, 401, 404, 429) },
})

export const createBranch = createRoute({
  method: 'post',
  path: '/repositories/{repository}/branches',
  operationId: 'createBranch',
  tags: ['branches'],
  security: basicAuth,
  request: {
    params: repoParams,
    body: { content: { 'application/json': { schema: BranchCreationSchema } }, required: true },
  },
  responses: {
    // lakeFS answers with the bare commit ID as text/html.
    201: { content: { 'text/html': { schema: z.string() } }, description: 'reference' },
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
})

export const getBranch = createRoute({
  method: 'get',
  path: '/repositories/{repository}/branches/{branch}',
  operationId: 'getBranch',
  tags: ['branches'],
  security: basicAuth,
  request: { params: branchParams },
  responses: { 200: jsonContent(RefSchema, 'branch'), ...errorResponses(400, 401, 404, 429) },
})

export const deleteBranch = createRoute({
  method: 'delete',
  path: '/repositories/{repository}/branches/{branch}',
  operationId: 'deleteBranch',
  tags: ['branches'],
  security: basicAuth,
  request: { params: branchParams, query: z.object({ force }) },
  responses: {
    204: { description: 'branch deleted successfully' },
    ...errorResponses(400, 401, 403, 404, 429),
  },
})

export const getCommit = createRoute({
  method: 'get',
  path: '/repositories/{repository}/commits/{commitId}',
  operationId: 'getCommit',
  tags: ['commits'],
  security: basicAuth,
  request: {
    params: z.object({
      repository: repositoryParam,
      commitId: z.string().openapi({ param: { name: 'commitId', in: 'path' } }),
    }),
  },
  responses: { 200: jsonContent(CommitSchema, 'commit'), ...errorResponses(400, 401, 404, 429) },
})

export const setRepositoryMetadata = createRoute({
  method: 'post',
  path: '/repositories/{repository}/metadata',
  operationId: 'setRepositoryMetadata',
  tags: ['repositories'],
  security: basicAuth,
  request: { params: repoParams, body: { content: { 'application/json': { schema: RepositoryMetadataSetSchema } }, required: true } },
  responses: { 204: { description: 'repository metadata set successfully' }, ...errorResponses(400, 401, 404, 429) },
})

export const deleteRepositoryMetadata = createRoute({
  method: 'delete',
  path: '/repositories/{repository}/metadata',
  operationId: 'deleteRepositoryMetadata',
  tags: ['repositories'],
  security: basicAuth,
  request: { params: repoParams, body: { content: { 'application/json': { schema: RepositoryMetadataKeysSchema } }, required: true } },
  responses: { 204: { description: 'repository metadata keys deleted successfully' }, ...errorResponses(400, 401, 429) },
})

const protectionPath = '/repositories/{repository}/settings/branch_protection'

export const getBranchProtectionRules = createRoute({
  method: 'get',
  path: protectionPath,
  operationId: 'getBranchProtectionRules',
  tags: ['repositories'],
  security: basicAuth,
  request: { params: repoParams },
  responses: {
    200: {
      ...jsonContent(z.array(BranchProtectionRuleSchema), 'branch protection rules'),
      headers: { ETag: { schema: { type: 'string' as const }, description: 'ETag of the branch protection rules' } },
    },
    ...errorResponses(400, 401, 404, 429),
  },
})

export const setBranchProtectionRules = createRoute({
  method: 'put',
  path: protectionPath,
  operationId: 'setBranchProtectionRules',
  tags: ['repositories'],
  security: basicAuth,
  request: {
    params: repoParams,
    headers: z.object({ 'If-Match': z.string().optional().openapi({ param: { name: 'If-Match', in: 'header' } }) }),
    body: { content: { 'application/json': { schema: z.array(BranchProtectionRuleSchema) } }, required: true },
  },
  responses: { 204: { description: 'branch protection rule created successfully' }, ...errorResponses(400, 401, 403, 404, 412, 429) },
})
