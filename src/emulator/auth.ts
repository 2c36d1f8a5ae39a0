/** Users and access keys (auth/authenticator.go BuiltinAuthenticator), plus lakeFS setup. */
import { createHash, timingSafeEqual } from 'node:crypto'
import { ConflictError, ValidationError } from './errors.js'

export interface Credential {
  readonly user: string
  readonly accessKeyId: string
  readonly secretAccessKey: string
  /** Epoch milliseconds. */
  readonly creationDate: number
}

export class AuthService {
  readonly #byKey = new Map<string, Credential>()

  constructor(credentials: readonly Credential[] = []) {
    for (const c of credentials) this.#byKey.set(c.accessKeyId, c)
  }

  get initialized(): boolean {
    return this.#byKey.size > 0
  }

  /** The user an access key pair belongs to; secrets are compared in constant time. */
  authenticate(accessKeyId: string, secret: string): string | undefined {
    const credential = this.#byKey.get(accessKeyId)
    if (!credential) return undefined
    return sameSecret(credential.secretAccessKey, secret) ? credential.user : undefined
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
    return credential
  }
}

function sameSecret(expected: string, given: string): boolean {
  // Hash both sides so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(expected).digest()
  const b = createHash('sha256').update(given).digest()
  return timingSafeEqual(a, b)
}
