/** The auth operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './auth.handlers.js'
import * as routes from './auth.routes.js'

/** Registers the group's routes on `router` (one router holds all of lakeFS's: each route is added once). */
export function createAuthRouter(router = createRouter()) {
  return router
    .openapi(routes.login, handlers.login)
    .openapi(routes.getCurrentUser, handlers.getCurrentUser)
}
