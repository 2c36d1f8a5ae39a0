/** Handlers for login (a bearer token for an access key pair) and the current user. */
import { optionalUser, SESSION_COOKIE } from '../auth.js'
import type * as routes from './auth.routes.js'
import { seconds } from '../dto.js'
import type { LakeFSHandler } from '../create-router.js'

/** gorilla/sessions' default cookie lifetime, which lakeFS's session store keeps: 30 days. */
const SESSION_COOKIE_MAX_AGE = 30 * 24 * 3600

export const login: LakeFSHandler<typeof routes.login> = async (c) => {
  const emulator = c.var.emulator
  const body = c.req.valid('json') ?? { access_key_id: '', secret_access_key: '' }
  const { token, expiresAt } = emulator.auth.login(body.access_key_id, body.secret_access_key, emulator.clock.now())
  // lakeFS also keeps the token in a session cookie for its web UI: gorilla/sessions' cookie store
  // with its default options (Path=/, Max-Age of 30 days). Max-Age, not an Expires computed from
  // the emulator clock, which a browser would drop at once when the scenario's clock is in the past.
  const cookie = `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${SESSION_COOKIE_MAX_AGE}`
  return c.json({ token, token_expiration: expiresAt }, 200, { 'Set-Cookie': cookie })
}

export const getCurrentUser: LakeFSHandler<typeof routes.getCurrentUser> = (c) => {
  const emulator = c.var.emulator
  // controller.go GetCurrentUser: without credentials the middleware lets the call through and
  // the answer is an empty user (lakeFS's web UI asks before it logs in).
  const user = optionalUser(emulator, c)
  if (user === undefined) return c.json({ user: { id: '', creation_date: 0 } }, 200)
  const created = emulator.auth.userCreated(user) ?? 0
  return c.json({ user: { id: user, creation_date: seconds(created), friendly_name: user } }, 200)
}
