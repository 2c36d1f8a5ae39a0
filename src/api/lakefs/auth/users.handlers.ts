/**
 * Handlers for users and key pairs, as controller.go serves them over basic_service.go: one admin
 * user, one key pair, and 501 where BasicAuthService answers ErrNotImplemented.
 */
import type { User } from '../../../emulator/catalog/auth-service.js'
import { errors } from '../../../emulator/errors.js'
import { signedIn } from '../auth.js'
import type { LakeFSHandler } from '../create-router.js'
import { seconds } from '../dto.js'
import type * as routes from './users.routes.js'

/** controller.go GetAuthCapabilities: BasicAuthService is no EmailInviter. */
export const getAuthCapabilities: LakeFSHandler<typeof routes.getAuthCapabilities> = (c) => c.json({ invite_user: false }, 200)

/** controller.go ListUsers: BasicAuthService's paginator says Amount: MaxUsers (1), and nothing more. */
export const listUsers: LakeFSHandler<typeof routes.listUsers> = (c) => {
  const { emulator } = signedIn(c)
  const results = emulator.auth.listUsers().map(toUser)
  return c.json({ pagination: { has_more: false, next_offset: '', results: 1, max_per_page: 0 }, results }, 200)
}

/**
 * controller.go CreateUser, once the middleware has authenticated the caller: the name may not hold
 * '%'; inviting needs an EmailInviter, which BasicAuthService is not (501).
 */
export const createUser: LakeFSHandler<typeof routes.createUser> = (c) => {
  const { emulator } = signedIn(c)
  const body = c.req.valid('json') ?? { id: '' }
  if (body.id.includes('%')) throw errors.invalid("User name cannot contain '%'")
  if (body.invite_user) {
    if (!/^[^@\s]+@[^@\s]+$/.test(body.id.replace(/^.*<(.*)>\s*$/, '$1'))) throw errors.invalid('Invalid email format')
    throw errors.notImplemented()
  }
  const user = emulator.auth.createUser(body.id, emulator.clock.now())
  return c.json({ id: user.id, creation_date: seconds(user.creationDate) }, 201)
}

export const getUser: LakeFSHandler<typeof routes.getUser> = (c) => {
  const { emulator } = signedIn(c)
  return c.json(toUser(emulator.auth.getUser(c.req.valid('param').userId)), 200)
}

export const deleteUser: LakeFSHandler<typeof routes.deleteUser> = (c) => {
  const { emulator } = signedIn(c)
  emulator.auth.deleteUser(c.req.valid('param').userId)
  return c.body(null, 204)
}

/** BasicAuthService.ListUserCredentials: ErrNotImplemented. */
export const listUserCredentials: LakeFSHandler<typeof routes.listUserCredentials> = (c) => {
  signedIn(c)
  throw errors.notImplemented()
}

export const createCredentials: LakeFSHandler<typeof routes.createCredentials> = (c) => {
  const { emulator } = signedIn(c)
  const credential = emulator.auth.createCredentials(c.req.valid('param').userId, emulator.clock.now())
  return c.json(
    { access_key_id: credential.accessKeyId, secret_access_key: credential.secretAccessKey, creation_date: seconds(credential.creationDate) },
    201
  )
}

export const getCredentials: LakeFSHandler<typeof routes.getCredentials> = (c) => {
  const { emulator } = signedIn(c)
  const { userId, accessKeyId } = c.req.valid('param')
  const credential = emulator.auth.getCredentials(userId, accessKeyId)
  return c.json({ access_key_id: credential.accessKeyId, creation_date: seconds(credential.creationDate) }, 200)
}

/** BasicAuthService.DeleteCredentials: ErrNotImplemented. */
export const deleteCredentials: LakeFSHandler<typeof routes.deleteCredentials> = (c) => {
  signedIn(c)
  throw errors.notImplemented()
}

function toUser(u: User) {
  return { id: u.id, creation_date: seconds(u.creationDate), ...(u.email === undefined ? {} : { email: u.email }), ...(u.friendlyName === undefined ? {} : { friendly_name: u.friendlyName }) }
}
