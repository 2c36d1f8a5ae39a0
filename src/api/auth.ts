/**
 * Basic and bearer auth for lakeFS operations. Handlers call `requireUser` first thing: it runs after the
 * route's validators, so (as in lakeFS) a malformed request is a 400 even without credentials.
 */
import type { Context } from 'hono'
import type { Emulator } from '../emulator/emulator.js'
import { errors } from '../emulator/errors.js'

/** The authenticated user's name; throws lakeFS's 401 otherwise. */
export function requireUser(emulator: Emulator, c: Context): string {
  const user = userOf(emulator, c.req.header('Authorization'))
  if (!user) throw errors.authentication()
  return user
}

/** Basic auth with an access key pair, or a bearer token from POST /auth/login; undefined otherwise. */
export function userOf(emulator: Emulator, header: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(header ?? '')
  if (bearer) return emulator.auth.verifyToken(bearer[1]!, emulator.clock.now())
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '')
  if (!match) return undefined
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  return emulator.auth.authenticate(decoded.slice(0, colon), decoded.slice(colon + 1))
}
