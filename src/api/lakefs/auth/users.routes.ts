/** Users and their key pairs as lakeFS OSS declares them (basic auth: one admin, one key pair). */
import { createRoute, z } from '@hono/zod-openapi'
import {
  AuthCapabilitiesSchema,
  basicAuth,
  CredentialsListSchema,
  CredentialsSchema,
  CredentialsWithSecretSchema,
  errorResponses,
  jsonBody,
  jsonContent,
  PaginationQuery,
  pathParam,
  UserCreationSchema,
  UserListSchema,
  UserSchema,
} from '../schemas.js'

const userParams = z.object({ userId: pathParam('userId') })
const credentialParams = z.object({ userId: pathParam('userId'), accessKeyId: pathParam('accessKeyId') })

export const getAuthCapabilities = createRoute({
  method: 'get',
  path: '/auth/capabilities',
  operationId: 'getAuthCapabilities',
  tags: ['internal'],
  security: [],
  responses: { 200: jsonContent(AuthCapabilitiesSchema, 'auth capabilities'), ...errorResponses(429) },
})

export const listUsers = createRoute({
  method: 'get',
  path: '/auth/users',
  operationId: 'listUsers',
  tags: ['auth'],
  security: basicAuth,
  request: { query: z.object(PaginationQuery) },
  responses: { 200: jsonContent(UserListSchema, 'user list'), ...errorResponses(400, 401, 429) },
})

export const createUser = createRoute({
  method: 'post',
  path: '/auth/users',
  operationId: 'createUser',
  tags: ['auth'],
  security: basicAuth,
  request: { body: jsonBody(UserCreationSchema, false) },
  responses: { 201: jsonContent(UserSchema, 'user'), ...errorResponses(400, 401, 409, 429) },
})

export const getUser = createRoute({
  method: 'get',
  path: '/auth/users/{userId}',
  operationId: 'getUser',
  tags: ['auth'],
  security: basicAuth,
  request: { params: userParams },
  responses: { 200: jsonContent(UserSchema, 'user'), ...errorResponses(400, 401, 404, 429) },
})

export const deleteUser = createRoute({
  method: 'delete',
  path: '/auth/users/{userId}',
  operationId: 'deleteUser',
  tags: ['auth'],
  security: basicAuth,
  request: { params: userParams },
  responses: { 204: { description: 'user deleted successfully' }, ...errorResponses(400, 401, 404, 429) },
})

export const listUserCredentials = createRoute({
  method: 'get',
  path: '/auth/users/{userId}/credentials',
  operationId: 'listUserCredentials',
  tags: ['auth'],
  security: basicAuth,
  request: { params: userParams, query: z.object(PaginationQuery) },
  responses: { 200: jsonContent(CredentialsListSchema, 'credential list'), ...errorResponses(400, 401, 404, 429) },
})

export const createCredentials = createRoute({
  method: 'post',
  path: '/auth/users/{userId}/credentials',
  operationId: 'createCredentials',
  tags: ['auth'],
  security: basicAuth,
  request: { params: userParams },
  responses: { 201: jsonContent(CredentialsWithSecretSchema, 'credentials'), ...errorResponses(400, 401, 404, 429) },
})

export const getCredentials = createRoute({
  method: 'get',
  path: '/auth/users/{userId}/credentials/{accessKeyId}',
  operationId: 'getCredentials',
  tags: ['auth'],
  security: basicAuth,
  request: { params: credentialParams },
  responses: { 200: jsonContent(CredentialsSchema, 'credentials'), ...errorResponses(400, 401, 404, 429) },
})

export const deleteCredentials = createRoute({
  method: 'delete',
  path: '/auth/users/{userId}/credentials/{accessKeyId}',
  operationId: 'deleteCredentials',
  tags: ['auth'],
  security: basicAuth,
  request: { params: credentialParams },
  responses: { 204: { description: 'credentials deleted successfully' }, ...errorResponses(400, 401, 404, 429) },
})
