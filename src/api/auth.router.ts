/** Handlers for login (a bearer token for an access key pair) and the current user. */
import type { Emulator } from '../emulator/emulator.js'
import { requireUser } from './auth.js'
import * as routes from './auth.routes.js'
import { createRouter } from './create-router.js'
import { seconds } from './dto.js'

export function createAuthRouter(emulator: Emulator) {
  return createRouter()
    .openapi(routes.login, async (c) => {
      const body = c.req.valid('json') ?? { access_key_id: '', secret_access_key: '' }
      const { token, expiresAt } = emulator.auth.login(body.access_key_id, body.secret_access_key, emulator.clock.now())
      // lakeFS also sets the token as a session cookie for the UI.
      const cookie = `internal_auth_session=${token}; Path=/; Expires=${new Date(expiresAt * 1000).toUTCString()}; HttpOnly; SameSite=Lax`
      return c.json({ token, token_expiration: expiresAt }, 200, { 'Set-Cookie': cookie })
    })
    .openapi(routes.getCurrentUser, (c) => {
      const user = requireUser(emulator, c)
      const created = emulator.auth.userCreated(user) ?? 0
      return c.json({ user: { id: user, creation_date: seconds(created), friendly_name: user } }, 200)
    })
}
