/**
 * Users and access keys (auth/authenticator.go BuiltinAuthenticator), lakeFS setup, and the
 * login tokens lakeFS issues (HS256 JWTs, pkg/auth/token.go) that are then accepted as bearers.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { ConflictError, errors, ValidationError } from '../errors.js'

/** lakeFS's default `auth.login_duration`: a week. */
export const LOGIN_DURATION_SECONDS = 7 * 24 * 3600

export interface LoginToken {
  readonly token: string
  /** Unix seconds. */
  readonly expiresAt: number
}

export interface Credential {
  readonly user: string
  readonly accessKeyId: string
  readonly secretAccessKey: string
  /** Epoch milliseconds. */
  readonly creationDate: number
}

export class AuthService {
  readonly #byKey = new Map<string, Credential>()
  readonly #signingKey: Buffer
  /** Logins so far: each token's `jti` is derived from it, so the same seed and calls give the same tokens. */
  #logins = 0
  #generation = 0

  /** Counts changes to the credentials: an answer remembered for a credential holds while it stays the same. */
  get generation(): number {
    return this.#generation
  }

  /** `secret` seeds the token signing key, so the same seed signs the same tokens. */
  constructor(credentials: readonly Credential[] = [], secret = '') {
    for (const c of credentials) this.#byKey.set(c.accessKeyId, c)
    this.#signingKey = createHash('sha256').update(`lakefs-emulator-jwt:${secret}`).digest()
  }

  /** When a user was created (their first key's creation), for getCurrentUser. */
  userCreated(user: string): number | undefined {
    let first: number | undefined
    for (const c of this.#byKey.values()) {
      if (c.user === user && (first === undefined || c.creationDate < first)) first = c.creationDate
    }
    return first
  }

  /**
   * POST /auth/login: a token for valid keys, lakeFS's 401 otherwise. `now` in epoch ms. The claims
   * are lakeFS's `LoginClaims` in their JSON order (pkg/auth/jwt_login.go `GenerateJWTLogin`), with a
   * UUID-shaped `jti` drawn from the signing key instead of a random one.
   */
  login(accessKeyId: string, secret: string, now: number): LoginToken {
    const user = this.authenticate(accessKeyId, secret)
    if (!user) throw errors.authentication()
    const iat = Math.floor(now / 1000)
    const exp = iat + LOGIN_DURATION_SECONDS
    const header = encodeJson({ alg: 'HS256', typ: 'JWT' })
    const jti = uuidShaped(createHmac('sha256', this.#signingKey).update(`jti:${++this.#logins}`).digest())
    const payload = encodeJson({ jti, iss: 'auth', sub: user, aud: 'login', iat, exp })
    return { token: `${header}.${payload}.${this.#sign(`${header}.${payload}`)}`, expiresAt: exp }
  }

  /** The user a login token names, when its signature holds and it has not expired. */
  verifyToken(token: string, now: number): string | undefined {
    const [header, payload, signature, ...rest] = token.split('.')
    if (!header || !payload || signature === undefined || rest.length) return undefined
    if (!sameSecret(this.#sign(`${header}.${payload}`), signature)) return undefined
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown; exp?: unknown; aud?: unknown }
      if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || claims.aud !== 'login') return undefined
      if (claims.exp * 1000 <= now) return undefined
      return [...this.#byKey.values()].some((c) => c.user === claims.sub) ? claims.sub : undefined
    } catch {
      return undefined
    }
  }

  #sign(data: string): string {
    return createHmac('sha256', this.#signingKey).update(data).digest('base64url')
  }

  get initialized(): boolean {
    return this.#byKey.size > 0
  }

  /** The user an access key pair belongs to; secrets are compared in constant time. */
  authenticate(accessKeyId: string, secret: string): string | undefined {
    const credential = this.#byKey.get(accessKeyId)
    if (!credential) return undefined
    return sameBytes(this.#secretBytes(credential), Buffer.from(secret, 'utf8')) ? credential.user : undefined
  }

  /** A user's first access key (what the emulator acts as the user with, in process). */
  credentialOf(user: string): Credential | undefined {
    for (const c of this.#byKey.values()) if (c.user === user) return c
    return undefined
  }

  /** The secret of an access key, for protocols that sign with it (S3's Signature V4). */
  secretOf(accessKeyId: string): string | undefined {
    return this.#byKey.get(accessKeyId)?.secretAccessKey
  }

  /** The first credential (what the emulator signs pre-signed URLs with, as lakeFS signs with its blockstore's). */
  get signingCredential(): Credential | undefined {
    return this.#byKey.values().next().value
  }

  /** Each credential's secret is encoded once, not on every request. */
  readonly #secrets = new WeakMap<Credential, Buffer>()
  #secretBytes(credential: Credential): Buffer {
    let b = this.#secrets.get(credential)
    if (!b) this.#secrets.set(credential, (b = Buffer.from(credential.secretAccessKey, 'utf8')))
    return b
  }

  /**
   * POST /setup_lakefs: creates the first admin. Keys are used as given, or derived from the
   * user name when missing (deterministic, unlike lakeFS's random ones).
   */
  setup(user: string, now: number, key?: { accessKeyId: string; secretAccessKey: string }): Credential {
    if (this.initialized) throw new ConflictError('lakeFS already initialized')
    if (!user) throw new ValidationError('empty user display name')
    const digest = createHash('sha256').update(`setup:${user}`).digest('base64url')
    const credential: Credential = {
      user,
      accessKeyId: key?.accessKeyId ?? `AKIAJ${digest.slice(0, 15).toUpperCase().replace(/[^A-Z0-9]/g, 'Q')}`,
      secretAccessKey: key?.secretAccessKey ?? digest.slice(0, 40),
      creationDate: now,
    }
    this.#byKey.set(credential.accessKeyId, credential)
    this.#generation++
    return credential
  }
}

function sameSecret(expected: string, given: string): boolean {
  return sameBytes(Buffer.from(expected, 'utf8'), Buffer.from(given, 'utf8'))
}

/**
 * Go's subtle.ConstantTimeCompare, which lakeFS uses: the time depends on the lengths only, never
 * on where the bytes differ. (Hashing both sides first would hide the length too, at a
 * microsecond per request, a twentieth of a poll.)
 */
function sameBytes(expected: Buffer, given: Buffer): boolean {
  if (given.length !== expected.length) {
    timingSafeEqual(expected, expected)
    return false
  }
  return timingSafeEqual(expected, given)
}

/** 16 bytes as a version-4 UUID string. */
function uuidShaped(bytes: Buffer): string {
  const b = Buffer.from(bytes.subarray(0, 16))
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const hex = b.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function encodeJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}
