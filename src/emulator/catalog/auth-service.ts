/**
 * Users and access keys as lakeFS OSS keeps them (pkg/auth/basic_service.go BasicAuthService: one
 * admin user, one key pair each; auth/authenticator.go BuiltinAuthenticator), lakeFS setup, and the
 * login tokens lakeFS issues (HS256 JWTs, pkg/auth/token.go) that are then accepted as bearers.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { ConflictError, errors, NotFoundError, ValidationError } from '../errors.js'

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

/** A user as lakeFS's model.User keeps it. */
export interface User {
  readonly id: string
  /** Epoch milliseconds. */
  readonly creationDate: number
  readonly email?: string
  readonly friendlyName?: string
}

/** What a data directory keeps of the auth state. */
export interface SavedAuth {
  readonly users: readonly User[]
  readonly credentials: readonly Credential[]
  readonly initialized: boolean
  readonly keysIssued: number
}

/** basic_service.go `MaxCredentialsPerUser`. */
const MAX_CREDENTIALS_PER_USER = 1
/** pkg/auth/keys AkiaAlphabet. */
const AKIA_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

export class AuthService {
  readonly #byKey = new Map<string, Credential>()
  /** Users by id, in creation order. Scenario credentials name them; OSS's basic auth has one. */
  readonly #users = new Map<string, User>()
  /** Set once lakeFS has been set up (metadata manager's setup timestamp); deleting the admin does not undo it. */
  #initialized = false
  /** Key pairs created so far: each is drawn from the signing key and this count, so runs repeat. */
  #keysIssued = 0
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
    for (const c of credentials) this.#addCredential(c)
    this.#initialized = credentials.length > 0
    this.#signingKey = createHash('sha256').update(`lakefs-emulator-jwt:${secret}`).digest()
  }

  #addCredential(c: Credential): void {
    this.#byKey.set(c.accessKeyId, c)
    const known = this.#users.get(c.user)
    if (!known || c.creationDate < known.creationDate) this.#users.set(c.user, { id: c.user, creationDate: c.creationDate })
  }

  /** When a user was created, for getCurrentUser. */
  userCreated(user: string): number | undefined {
    return this.#users.get(user)?.creationDate
  }

  /** basic_service.go ListUsers: every user (OSS: the one admin). */
  listUsers(): User[] {
    return [...this.#users.values()]
  }

  /** basic_service.go GetUser: lakeFS's 404 "user not found" for any other name. */
  getUser(id: string): User {
    const user = this.#users.get(id)
    if (!user) throw new NotFoundError('user not found')
    return user
  }

  /**
   * basic_service.go CreateUser: the single admin is stored under one key, so a second user is
   * "Already exists" (409); the name is checked first (model.ValidateAuthEntityID).
   */
  createUser(id: string, now: number): User {
    if (id === '') throw new ValidationError('empty name: validation error')
    if (id.includes('/')) throw new ValidationError('name contains delimiter /: validation error')
    if (this.#users.size > 0) throw new ConflictError('Already exists')
    const user: User = { id, creationDate: now }
    this.#users.set(id, user)
    this.#generation++
    return user
  }

  /** basic_service.go DeleteUser: the user and every key pair of theirs. */
  deleteUser(id: string): void {
    this.getUser(id)
    this.#users.delete(id)
    for (const [key, c] of this.#byKey) if (c.user === id) this.#byKey.delete(key)
    this.#generation++
  }

  /** basic_service.go CreateCredentials: a new key pair; a user holds one at most (400). */
  createCredentials(user: string, now: number): Credential {
    // GetUser's kv.ErrNotFound goes through handleAPIError unwrapped: 404 "not found".
    if (!this.#users.has(user)) throw new NotFoundError('not found')
    const held = [...this.#byKey.values()].filter((c) => c.user === user).length
    if (held >= MAX_CREDENTIALS_PER_USER) throw new ValidationError('exceeded number of allowed credentials: invalid request')
    const credential: Credential = { user, ...this.#newKeyPair(), creationDate: now }
    this.#byKey.set(credential.accessKeyId, credential)
    this.#generation++
    return credential
  }

  /** basic_service.go GetCredentialsForUser: the user must exist; the key is looked up among all. */
  getCredentials(user: string, accessKeyId: string): Credential {
    const credential = this.#users.has(user) ? this.#byKey.get(accessKeyId) : undefined
    if (!credential) throw new NotFoundError('credentials not found')
    return credential
  }

  /**
   * A key pair in lakeFS's shapes (pkg/auth/keys: GenAccessKeyID is "AKIAJ" + 14 of the AKIA
   * alphabet + "Q", GenSecretAccessKey 30 bytes in base64), drawn from the seeded signing key and a
   * count rather than crypto/rand, so the same seed and calls give the same keys.
   */
  #newKeyPair(): { accessKeyId: string; secretAccessKey: string } {
    const n = ++this.#keysIssued
    const id = createHmac('sha256', this.#signingKey).update(`access-key:${n}`).digest()
    const secret = createHmac('sha256', this.#signingKey).update(`secret-key:${n}`).digest()
    const letters = [...id.subarray(0, 14)].map((b) => AKIA_ALPHABET[b % AKIA_ALPHABET.length]).join('')
    return { accessKeyId: `AKIAJ${letters}Q`, secretAccessKey: secret.subarray(0, 30).toString('base64') }
  }

  /** The auth state, for a data directory. */
  save(): SavedAuth {
    return { users: this.listUsers(), credentials: [...this.#byKey.values()], initialized: this.#initialized, keysIssued: this.#keysIssued }
  }

  /** Replaces the auth state with a saved one. */
  restore(saved: SavedAuth): void {
    this.#byKey.clear()
    this.#users.clear()
    for (const u of saved.users) this.#users.set(u.id, u)
    for (const c of saved.credentials) this.#byKey.set(c.accessKeyId, c)
    this.#initialized = saved.initialized
    this.#keysIssued = saved.keysIssued
    this.#generation++
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
      return this.#users.has(claims.sub) ? claims.sub : undefined
    } catch {
      return undefined
    }
  }

  #sign(data: string): string {
    return createHmac('sha256', this.#signingKey).update(data).digest('base64url')
  }

  get initialized(): boolean {
    return this.#initialized
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

  /** What controller.go Setup checks first, in its order: a name, then that lakeFS is not set up yet. */
  checkSetup(user: string): void {
    if (!user) throw new ValidationError('empty user display name')
    if (this.initialized) throw new ConflictError('lakeFS already initialized')
  }

  /**
   * POST /setup_lakefs (pkg/auth/setup CreateInitialAdminUserWithKeys): creates the first admin with
   * the keys given, or a new key pair.
   */
  setup(user: string, now: number, key?: { accessKeyId: string; secretAccessKey: string }): Credential {
    this.checkSetup(user)
    const credential: Credential = { user, ...(key ?? this.#newKeyPair()), creationDate: now }
    this.#addCredential(credential)
    this.#initialized = true
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
