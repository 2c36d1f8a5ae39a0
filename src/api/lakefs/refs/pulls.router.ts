/** The pull request operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './pulls.handlers.js'
import * as routes from './pulls.routes.js'

export function createPullsRouter() {
  return createRouter()
    .openapi(routes.listPullRequests, handlers.listPullRequests)
    .openapi(routes.createPullRequest, handlers.createPullRequest)
    .openapi(routes.getPullRequest, handlers.getPullRequest)
    .openapi(routes.updatePullRequest, handlers.updatePullRequest)
    .openapi(routes.mergePullRequest, handlers.mergePullRequest)
}
