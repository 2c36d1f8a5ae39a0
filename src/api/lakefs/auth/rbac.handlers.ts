/**
 * Handlers for groups, policies, ACLs, external principals and the other authenticators' logins:
 * lakeFS OSS refuses them all with 501 "Not Implemented" (handleAPIError on ErrNotImplemented),
 * after authentication and the checks controller.go makes before it calls the auth service.
 */
import type { Context } from 'hono'
import { errors } from '../../../emulator/errors.js'
import { signedIn } from '../auth.js'
import type { LakeFSEnv, LakeFSHandler } from '../create-router.js'
import type * as routes from './rbac.routes.js'

/** The authenticated call reaches BasicAuthService, which answers ErrNotImplemented. */
export const refused = (c: Context<LakeFSEnv>): never => {
  signedIn(c)
  throw errors.notImplemented()
}

/** controller.go isNameValid, checked after authorization. */
function refuseNamed(c: Context<LakeFSEnv>, name: string, kind: string): never {
  signedIn(c)
  if (name.includes('%')) throw errors.invalid(`${kind} name cannot contain '%'`)
  throw errors.notImplemented()
}

export const createGroup: LakeFSHandler<typeof routes.createGroup> = (c) => refuseNamed(c, c.req.valid('json')?.id ?? '', 'Group')

export const createPolicy: LakeFSHandler<typeof routes.createPolicy> = (c) => refuseNamed(c, c.req.valid('json').id, 'Policy')

/** controller.go UpdatePolicy: the path's policy must be the body's. */
export const updatePolicy: LakeFSHandler<typeof routes.updatePolicy> = (c) => {
  signedIn(c)
  if (c.req.valid('param').policyId !== c.req.valid('json').id) throw errors.invalid("can't update policy id")
  throw errors.notImplemented()
}

/** controller.go ExternalPrincipalLogin and StsLogin need no credentials: the dummy authentication service refuses. */
export const unauthenticatedRefusal = (): never => {
  throw errors.notImplemented()
}

/** authentication.DummyService.OauthCallback writes nothing: Go's server answers 200 with an empty body. */
export const oauthCallback: LakeFSHandler<typeof routes.oauthCallback> = (c) => c.body(null, 200 as 302)
