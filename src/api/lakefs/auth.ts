/**
 * Authentication for lakeFS operations, as lakeFS's middleware checks its security schemes in the
 * spec's order (pkg/api/auth_middleware.go `checkSecurityRequirements`): a bearer token
 * (`jwt_token`), then basic auth with an access key pair (`basic_auth`), then the session cookie the
 * web UI holds (`cookie_auth`, `internal_auth_session`). A scheme that is present but wrong fails
 * the request; one that is absent is skipped. Handlers call `requireUser` first thing: it runs after
 * the route's validators, so (as in lakeFS) a malformed request is a 400 even without credentials.
 */
import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import type { Emulator } from '../../emulator/emulator.js'
import { errors } from '../../emulator/errors.js'
import type { LakeFSEnv } from './create-router.js'

/** The cookie lakeFS's login sets and its web UI sends back (auth_middleware.go `InternalAuthSessionName`). */
export const SESSION_COOKIE = 'internal_auth_session'

/**
 * The core and the authenticated user, for a lakeFS handler; lakeFS's 401 when no user is named.
 * The call counts in the usage report as an API action (controller.go LogAction adds to its usage counter).
 */
export function signedIn(c: Context<LakeFSEnv>): { emulator: Emulator; user: string } {
  const signed = authenticated(c)
  signed.emulator.installation.countUsage(signed.emulator.clock.now())
  return signed
}

/** signedIn for the operations controller.go does not log as actions (configuration, status reads, stats). */
export function authenticated(c: Context<LakeFSEnv>): { emulator: Emulator; user: string } {
  const emulator = c.var.emulator
  return { emulator, user: requireUser(emulator, c) }
}

/** The authenticated user's name; throws lakeFS's 401 otherwise. */
export function requireUser(emulator: Emulator, c: Context): string {
  const user = userOf(emulator, c.req.header('Authorization'), () => getCookie(c, SESSION_COOKIE))
  if (!user) throw errors.authentication()
  return user
}

/**
 * The user, or undefined when the request presents no credentials at all (lakeFS's middleware then
 * lets it through, and getCurrentUser answers an empty user); wrong credentials are still a 401.
 */
export function optionalUser(emulator: Emulator, c: Context): string | undefined {
  const user = identify(emulator, c.req.header('Authorization'), () => getCookie(c, SESSION_COOKIE))
  if (user === false) throw errors.authentication()
  return user
}

/**
 * The user the request's credentials name, or undefined when they name none or are wrong.
 * `sessionCookie` is read only when no Authorization scheme applies.
 */
export function userOf(emulator: Emulator, header: string | undefined, sessionCookie: () => string | undefined = () => undefined): string | undefined {
  return identify(emulator, header, sessionCookie) || undefined
}

/** The user; undefined when no scheme applies (nothing presented); false when one applies and fails. */
function identify(emulator: Emulator, header: string | undefined, sessionCookie: () => string | undefined): string | false | undefined {
  const now = emulator.clock.now()
  if (header) {
    // strings.Fields(header) must be exactly a scheme and a value, else the scheme is skipped.
    const [scheme, value, ...rest] = header.trim().split(/\s+/)
    if (value !== undefined && rest.length === 0 && scheme!.toLowerCase() === 'bearer') return emulator.auth.verifyToken(value, now) ?? false
    const basic = basicCredentials(header)
    // Go's Request.BasicAuth: a header it cannot decode is no basic auth at all.
    if (basic) return emulator.auth.authenticate(basic.id, basic.secret) ?? false
  }
  const token = sessionCookie()
  return token ? (emulator.auth.verifyToken(token, now) ?? false) : undefined
}

/** Go's `Request.BasicAuth`: `Basic <base64 of id:secret>`, the scheme in any case. */
function basicCredentials(header: string): { id: string; secret: string } | undefined {
  const match = /^basic (.*)$/is.exec(header)
  if (!match) return undefined
  const encoded = match[1]!
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) return undefined
  const decoded = Buffer.from(encoded, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon < 0 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) }
}
