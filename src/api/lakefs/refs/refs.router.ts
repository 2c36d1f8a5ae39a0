/** The refs operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './refs.handlers.js'
import * as routes from './refs.routes.js'

/** Registers the group's routes on `router` (one router holds all of lakeFS's: each route is added once). */
export function createRefsRouter(router = createRouter()) {
  return router
    .openapi(routes.listRepositories, handlers.listRepositories)
    .openapi(routes.createRepository, handlers.createRepository)
    .openapi(routes.getRepository, handlers.getRepository)
    .openapi(routes.deleteRepository, handlers.deleteRepository)
    .openapi(routes.getRepositoryMetadata, handlers.getRepositoryMetadata)
    .openapi(routes.listBranches, handlers.listBranches)
    .openapi(routes.createBranch, handlers.createBranch)
    .openapi(routes.getBranch, handlers.getBranch)
    .openapi(routes.deleteBranch, handlers.deleteBranch)
    .openapi(routes.getCommit, handlers.getCommit)
    .openapi(routes.setRepositoryMetadata, handlers.setRepositoryMetadata)
    .openapi(routes.deleteRepositoryMetadata, handlers.deleteRepositoryMetadata)
    .openapi(routes.getBranchProtectionRules, handlers.getBranchProtectionRules)
    .openapi(routes.setBranchProtectionRules, handlers.setBranchProtectionRules)
}
