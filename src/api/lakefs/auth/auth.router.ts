/** The auth operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './auth.handlers.js'
import * as routes from './auth.routes.js'

export function createAuthRouter() {
  return createRouter()
    .openapi(routes.login, handlers.login)
    .openapi(routes.getCurrentUser, handlers.getCurrentUser)
}
