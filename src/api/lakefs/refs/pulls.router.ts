/** The pull request operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './pulls.handlers.js'
import * as routes from './pulls.routes.js'

/** Registers the group's routes on `router` (one router holds all of lakeFS's: each route is added once). */
export function createPullsRouter(router = createRouter()) {
  return router
    .openapi(routes.listPullRequests, handlers.listPullRequests)
    .openapi(routes.createPullRequest, handlers.createPullRequest)
    .openapi(routes.getPullRequest, handlers.getPullRequest)
    .openapi(routes.updatePullRequest, handlers.updatePullRequest)
    .openapi(routes.mergePullRequest, handlers.mergePullRequest)
}
