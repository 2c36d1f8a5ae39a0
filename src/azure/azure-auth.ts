/**
 * Azure Storage authentication, verified for real: Shared Key (the `Authorization: SharedKey
 * account:signature` header, signed over the request's canonical form) and SAS tokens (service SAS
 * for a container or blob, account SAS), checked against the account's key, their times and their
 * permissions. Azurite's development account is `devstoreaccount1` with its published key.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { azureErrors } from './azure-errors.js'

export const DEV_ACCOUNT = 'devstoreaccount1'
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

const sign = (key: string, text: string) => createHmac('sha256', Buffer.from(key, 'base64')).update(text, 'utf8').digest('base64')

function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** The Shared Key string to sign: the verb, twelve standard headers, the x-ms- headers, the resource. */
export function sharedKeyStringToSign(request: Request, account: string): string {
  const h = (name: string) => {
    const v = request.headers.get(name) ?? ''
    return name === 'content-length' && v === '0' ? '' : v
  }
  const standard = ['content-encoding', 'content-language', 'content-length', 'content-md5', 'content-type', 'date', 'if-modified-since', 'if-match', 'if-none-match', 'if-unmodified-since', 'range'].map(h)
  const msHeaders = [...request.headers]
    .filter(([name]) => name.startsWith('x-ms-'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}:${value.trimStart()}\n`)
    .join('')
  const url = request.url
  const query = url.indexOf('?')
  const pathname = new URL(url).pathname
  const params = new Map<string, string[]>()
  if (query >= 0) {
    for (const pair of url.slice(query + 1).split('&')) {
      const eq = pair.indexOf('=')
      if (eq <= 0) continue
      const key = decodeURIComponent(pair.slice(0, eq)).toLowerCase()
      params.set(key, [...(params.get(key) ?? []), decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, '%20'))])
    }
  }
  const resource = `/${account}${pathname}` + [...params.keys()].sort().map((k) => `\n${k}:${params.get(k)!.sort().join(',')}`).join('')
  return [request.method.toUpperCase(), ...standard].join('\n') + '\n' + msHeaders + resource
}

export interface Grant {
  /** What the credential allows: `r`ead, `a`dd, `c`reate, `w`rite, `d`elete, `l`ist (Shared Key: everything). */
  readonly permissions: string
}

export const FULL_ACCESS: Grant = { permissions: 'racwdl' }

/** Checks a Shared Key header; the grant is full. */
export function verifySharedKey(request: Request, auth: string, accounts: ReadonlyMap<string, string>): Grant {
  const m = /^SharedKey ([^:]+):(.+)$/.exec(auth)
  if (!m) throw azureErrors.authFailed('The authorization header is not a Shared Key.')
  const key = accounts.get(m[1]!)
  if (!key) throw azureErrors.authFailed(`The account ${m[1]} is unknown.`)
  const expected = sign(key, sharedKeyStringToSign(request, m[1]!))
  if (!same(expected, m[2]!)) throw azureErrors.authFailed(`The MAC signature found in the HTTP request '${m[2]}' is not the same as any computed signature.`)
  return FULL_ACCESS
}

/**
 * Checks a SAS token in the query: an account SAS (`ss` and `srt`) or a service SAS (`sr`), signed
 * as the version `sv` names (2018-11-09 and later), within `st`..`se` of `now`.
 */
export function verifySas(q: URLSearchParams, account: string, container: string | undefined, blob: string | undefined, key: string, now: number): Grant {
  const get = (k: string) => q.get(k) ?? ''
  const sig = get('sig')
  const start = get('st')
  const expiry = get('se')
  if (!expiry || Date.parse(expiry) < now) throw azureErrors.authFailed('Signed expiry time has passed or is missing.')
  if (start && Date.parse(start) > now) throw azureErrors.authFailed('Signed start time is in the future.')
  const version = get('sv')
  let text: string
  if (q.has('ss')) {
    if (!get('ss').includes('b')) throw azureErrors.authPermission()
    const fields = [account, get('sp'), get('ss'), get('srt'), start, expiry, get('sip'), get('spr'), version]
    if (version >= '2020-12-06') fields.push(get('ses'))
    text = fields.join('\n') + '\n'
  } else {
    const resource = `/blob/${account}/${container ?? ''}${get('sr') === 'b' || get('sr') === 'bs' || get('sr') === 'bv' ? `/${blob ?? ''}` : ''}`
    const fields = [get('sp'), start, expiry, resource, get('si'), get('sip'), get('spr'), version, get('sr'), get('snapshot') || get('sst'), ...(version >= '2020-12-06' ? [get('ses')] : []), get('rscc'), get('rscd'), get('rsce'), get('rscl'), get('rsct')]
    text = fields.join('\n')
  }
  if (!same(sign(key, text), sig)) throw azureErrors.authFailed('Signature did not match.')
  return { permissions: get('sp') }
}
