/** Health, setup and configuration operations. */
import { createRoute } from '@hono/zod-openapi'
import {
  basicAuth,
  CommPrefsInputSchema,
  ConfigSchema,
  CredentialsWithSecretSchema,
  errorResponses,
  ErrorSchema,
  GarbageCollectionConfigSchema,
  InstallationUsageReportSchema,
  jsonBody,
  jsonContent,
  SetupSchema,
  SetupStateSchema,
  StatsEventsListSchema,
  StorageConfigSchema,
  VersionConfigSchema,
} from '../schemas.js'

export const healthCheck = createRoute({
  method: 'get',
  path: '/healthcheck',
  operationId: 'healthCheck',
  tags: ['healthCheck'],
  security: [],
  responses: { 204: { description: 'NoContent' } },
})

export const getSetupState = createRoute({
  method: 'get',
  path: '/setup_lakefs',
  operationId: 'getSetupState',
  tags: ['internal'],
  security: [],
  responses: { 200: jsonContent(SetupStateSchema, 'lakeFS setup state'), ...errorResponses(429) },
})

export const setup = createRoute({
  method: 'post',
  path: '/setup_lakefs',
  operationId: 'setup',
  tags: ['internal'],
  security: [],
  request: { body: { content: { 'application/json': { schema: SetupSchema } }, required: true } },
  responses: {
    200: jsonContent(CredentialsWithSecretSchema, 'user created successfully'),
    ...errorResponses(400, 409, 429),
  },
})

export const getConfig = createRoute({
  method: 'get',
  path: '/config',
  operationId: 'getConfig',
  tags: ['config'],
  security: basicAuth,
  responses: { 200: jsonContent(ConfigSchema, 'lakeFS configuration'), 401: errorResponses(401)['401']! },
})

export const getLakeFSVersion = createRoute({
  method: 'get',
  path: '/config/version',
  operationId: 'getLakeFSVersion',
  tags: ['config'],
  security: basicAuth,
  responses: { 200: jsonContent(VersionConfigSchema, 'lakeFS version'), 401: errorResponses(401)['401']! },
})

export const getStorageConfig = createRoute({
  method: 'get',
  path: '/config/storage',
  operationId: 'getStorageConfig',
  tags: ['config'],
  security: basicAuth,
  responses: {
    200: jsonContent(StorageConfigSchema, 'lakeFS storage configuration'),
    401: errorResponses(401)['401']!,
  },
})

export const setupCommPrefs = createRoute({
  method: 'post',
  path: '/setup_comm_prefs',
  operationId: 'setupCommPrefs',
  tags: ['internal'],
  security: [],
  request: { body: jsonBody(CommPrefsInputSchema) },
  responses: {
    200: { description: 'communication preferences saved successfully' },
    409: jsonContent(ErrorSchema, 'setup was already completed'),
    412: jsonContent(ErrorSchema, 'wrong setup state for this operation'),
    ...errorResponses(400, 429),
  },
})

export const postStatsEvents = createRoute({
  method: 'post',
  path: '/statistics',
  operationId: 'postStatsEvents',
  tags: ['internal'],
  security: basicAuth,
  request: { body: jsonBody(StatsEventsListSchema) },
  responses: { 204: { description: 'reported successfully' }, ...errorResponses(400, 401, 429) },
})

export const getUsageReportSummary = createRoute({
  method: 'get',
  path: '/usage-report/summary',
  operationId: 'getUsageReportSummary',
  tags: ['internal'],
  security: basicAuth,
  responses: {
    200: {
      description: 'Usage report',
      content: { 'application/json': { schema: InstallationUsageReportSchema }, 'application/text': { schema: { type: 'string' as const } } },
    },
    ...errorResponses(401, 404, 429),
  },
})

export const getGarbageCollectionConfig = createRoute({
  method: 'get',
  path: '/config/garbage-collection',
  operationId: 'getGarbageCollectionConfig',
  tags: ['config'],
  security: basicAuth,
  responses: { 200: jsonContent(GarbageCollectionConfigSchema, 'lakeFS garbage collection config'), 401: errorResponses(401)['401']! },
})
