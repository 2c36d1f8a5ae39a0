/** The router of the auth operations lakeFS OSS refuses (groups, policies, ACLs, external principals, other logins). */
import { createRouter } from '../create-router.js'
import * as handlers from './rbac.handlers.js'
import * as routes from './rbac.routes.js'

/** Registers the group's routes on `router` (one router holds all of lakeFS's: each route is added once). */
export function createRbacRouter(router = createRouter()) {
  const { createGroup, createPolicy, updatePolicy, externalPrincipalLogin, stsLogin, oauthCallback, ...refusedAfterSignIn } = routes
  router
    .openapi(createGroup, handlers.createGroup)
    .openapi(createPolicy, handlers.createPolicy)
    .openapi(updatePolicy, handlers.updatePolicy)
    .openapi(externalPrincipalLogin, handlers.unauthenticatedRefusal)
    .openapi(stsLogin, handlers.unauthenticatedRefusal)
    .openapi(oauthCallback, handlers.oauthCallback)
  for (const route of Object.values(refusedAfterSignIn)) router.openapi(route, handlers.refused)
  return router
}
