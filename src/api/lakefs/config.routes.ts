/** Health, setup and configuration operations. */
import { createRoute } from '@hono/zod-openapi'
import {
  basicAuth,
  ConfigSchema,
  CredentialsWithSecretSchema,
  errorResponses,
  jsonContent,
  SetupSchema,
  SetupStateSchema,
  StorageConfigSchema,
  VersionConfigSchema,
} from './schemas.js'

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
