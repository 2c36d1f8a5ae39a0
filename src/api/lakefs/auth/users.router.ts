/** The users and credentials operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './users.handlers.js'
import * as routes from './users.routes.js'

/** Registers the group's routes on `router` (one router holds all of lakeFS's: each route is added once). */
export function createUsersRouter(router = createRouter()) {
  return router
    .openapi(routes.getAuthCapabilities, handlers.getAuthCapabilities)
    .openapi(routes.listUsers, handlers.listUsers)
    .openapi(routes.createUser, handlers.createUser)
    .openapi(routes.getUser, handlers.getUser)
    .openapi(routes.deleteUser, handlers.deleteUser)
    .openapi(routes.listUserCredentials, handlers.listUserCredentials)
    .openapi(routes.createCredentials, handlers.createCredentials)
    .openapi(routes.getCredentials, handlers.getCredentials)
    .openapi(routes.deleteCredentials, handlers.deleteCredentials)
}
