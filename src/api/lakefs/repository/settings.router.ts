/** The repository settings operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './settings.handlers.js'
import * as routes from './settings.routes.js'

/** Registers the group's routes on `router` (one router holds all of lakeFS's: each route is added once). */
export function createSettingsRouter(router = createRouter()) {
  return router
    .openapi(routes.getGCRules, handlers.getGCRules)
    .openapi(routes.setGCRules, handlers.setGCRules)
    .openapi(routes.deleteGCRules, handlers.deleteGCRules)
    .openapi(routes.setGarbageCollectionRulesPreflight, handlers.preflight)
    .openapi(routes.internalGetGarbageCollectionRules, handlers.internalGetGarbageCollectionRules)
    .openapi(routes.internalSetGarbageCollectionRules, handlers.internalSetGarbageCollectionRules)
    .openapi(routes.internalDeleteGarbageCollectionRules, handlers.internalDeleteGarbageCollectionRules)
    .openapi(routes.createBranchProtectionRulePreflight, handlers.preflight)
    .openapi(routes.internalGetBranchProtectionRules, handlers.internalGetBranchProtectionRules)
    .openapi(routes.internalCreateBranchProtectionRule, handlers.internalCreateBranchProtectionRule)
    .openapi(routes.internalDeleteBranchProtectionRule, handlers.internalDeleteBranchProtectionRule)
}
