/** The commits operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './commits.handlers.js'
import * as routes from './commits.routes.js'

/** Registers the group's routes on `router` (one router holds all of lakeFS's: each route is added once). */
export function createCommitsRouter(router = createRouter()) {
  return router
    .openapi(routes.commit, handlers.commit)
    .openapi(routes.logCommits, handlers.logCommits)
    .openapi(routes.diffRefs, handlers.diffRefs)
    .openapi(routes.mergeIntoBranch, handlers.mergeIntoBranch)
    .openapi(routes.findMergeBase, handlers.findMergeBase)
    .openapi(routes.revertBranch, handlers.revertBranch)
    .openapi(routes.cherryPick, handlers.cherryPick)
    .openapi(routes.resetBranch, handlers.resetBranch)
    .openapi(routes.hardResetBranch, handlers.hardResetBranch)
    .openapi(routes.CreateCommitRecord, handlers.CreateCommitRecord)
}
