/**
 * The email check lakeFS makes of communication preferences (pkg/api/email_validator.go
 * validateEmail): a bare address (net/mail, no display name) whose domain ends in a public suffix
 * (golang.org/x/net/publicsuffix: here `tldts`, the same Public Suffix List), not a disposable
 * provider's and not a free one's (AfterShip/email-verifier's lists: here the `disposable-email-domains`
 * and `email-providers` packages, built from the same public sources). The lists load on first use.
 */
import { createRequire } from 'node:module'
import type * as Tldts from 'tldts'
import { errors } from '../../../emulator/errors.js'

interface Lists {
  readonly tldts: typeof Tldts
  readonly disposable: ReadonlySet<string>
  readonly free: ReadonlySet<string>
}

/** The lists never change in a process: loaded once, when an address is first checked. */
const loaded: { lists?: Lists } = {}

function lists(): Lists {
  if (!loaded.lists) {
    const require = createRequire(import.meta.url)
    loaded.lists = {
      tldts: require('tldts') as typeof Tldts,
      disposable: new Set(require('disposable-email-domains') as string[]),
      free: new Set(require('email-providers/all.json') as string[]),
    }
  }
  return loaded.lists
}

/** An RFC 5322 addr-spec of the common form net/mail accepts: dot-atoms around one @. */
const ADDR_SPEC = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/

/** lakeFS's 400 for an address it will not take: "email is required", "invalid email address" or "please use a business email address". */
export function validateEmail(email: string): void {
  if (email === '') throw errors.invalid('email is required')
  // net/mail.ParseAddress takes "Name <addr>" too, which lakeFS then refuses; either way the answer is the same.
  if (!ADDR_SPEC.test(email)) throw errors.invalid('invalid email address')
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase()
  const { tldts, disposable, free } = lists()
  const parsed = tldts.parse(domain, { allowPrivateDomains: true })
  // domainHasKnownTLD: an ICANN suffix, or a privately managed one (a suffix with a dot).
  const knownTld = parsed.isIcann === true || (parsed.publicSuffix ?? '').includes('.')
  // email-verifier's IsDisposable and IsFreeDomain look the domain up as it is.
  if (!knownTld || disposable.has(domain)) throw errors.invalid('invalid email address')
  if (free.has(domain)) throw errors.invalid('please use a business email address')
}
