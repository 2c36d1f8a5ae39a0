/** login and getCurrentUser as lakeFS declares them. */
import { createRoute } from '@hono/zod-openapi'
import { AuthenticationTokenSchema, basicAuth, CurrentUserSchema, errorResponses, jsonContent, LoginInformationSchema } from '../schemas.js'

export const login = createRoute({
  method: 'post',
  path: '/auth/login',
  operationId: 'login',
  tags: ['auth'],
  security: [],
  request: { body: { content: { 'application/json': { schema: LoginInformationSchema } } } },
  responses: {
    200: {
      ...jsonContent(AuthenticationTokenSchema, 'successful login'),
      headers: { 'Set-Cookie': { schema: { type: 'string' as const, example: 'access_token=abcde12356; Path=/; HttpOnly' } } },
    },
    ...errorResponses(400, 401, 429),
  },
})

export const getCurrentUser = createRoute({
  method: 'get',
  path: '/user',
  operationId: 'getCurrentUser',
  tags: ['auth'],
  security: basicAuth,
  responses: { 200: jsonContent(CurrentUserSchema, 'user') },
})
