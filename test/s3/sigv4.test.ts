/**
 * The SigV4 verifier against requests signed by botocore, the signer boto3 uses: each verifies,
 * and each change a client or an attacker could make (path, query, a signed header, the secret,
 * the time) is refused with S3's code and status.
 */
import { execFileSync } from 'node:child_process'
import { createHash, createHmac } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type SignedRequest, verifySigV4 } from '../../src/s3/sigv4.js'
import { deriveKey, HmacKey, SigningKeys } from '../../src/s3/sigv4-keys.js'

const SIGNED_AT = Date.parse('2024-01-15T10:00:00Z')
const SECRETS: Record<string, string> = { AKIAIOSFOLQUICKSTART: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
const secretFor = (id: string) => SECRETS[id]

interface Fixture {
  name: string
  method: string
  url: string
  headers: Record<string, string>
}

const fixtures: Fixture[] = JSON.parse(execFileSync(process.env.PYTHON ?? 'python3', ['test/s3/sign_with_botocore.py', String(SIGNED_AT / 1000)], { encoding: 'utf8' }))

function asSigned(f: Fixture, change: Partial<SignedRequest> = {}): SignedRequest {
  const url = new URL(f.url)
  // The path and query exactly as they go on the wire (URL would not re-encode them).
  const afterHost = f.url.slice(f.url.indexOf('/', f.url.indexOf('//') + 2))
  const q = afterHost.indexOf('?')
  return {
    method: f.method,
    rawPath: q < 0 ? afterHost : afterHost.slice(0, q),
    rawQuery: q < 0 ? '' : afterHost.slice(q + 1),
    headers: { host: url.host, ...f.headers },
    ...change,
  }
}

const byName = (name: string) => fixtures.find((f) => f.name === name)!

describe('verifySigV4 with requests signed by botocore', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('accepts %s', (_name, f) => {
    const result = verifySigV4(asSigned(f), secretFor, { now: SIGNED_AT + 60_000 })
    expect(result).toMatchObject({ ok: true, accessKeyId: 'AKIAIOSFOLQUICKSTART', presigned: f.name.startsWith('pre-signed') })
  })

  it('gives the payload hash the client signed, for the body check that follows', () => {
    const put = byName('put with the payload hash')
    expect(verifySigV4(asSigned(put), secretFor, { now: SIGNED_AT })).toMatchObject({ ok: true, payloadHash: put.headers['x-amz-content-sha256'] })
  })

  it('refuses any change to what was signed', () => {
    const mismatch = { ok: false, code: 'SignatureDoesNotMatch', status: 403 }
    const get = byName('get with a key to encode')
    const signedGet = asSigned(get)
    expect(verifySigV4({ ...signedGet, rawPath: signedGet.rawPath.replace('lakes', 'rivers').replace('q1', 'q2') }, secretFor, { now: SIGNED_AT })).toMatchObject(mismatch)
    expect(verifySigV4({ ...signedGet, headers: { ...signedGet.headers, range: 'bytes=0-99' } }, secretFor, { now: SIGNED_AT })).toMatchObject(mismatch)
    const list = asSigned(byName('list objects v2'))
    expect(verifySigV4({ ...list, rawQuery: list.rawQuery.replace('raw', 'cooked') }, secretFor, { now: SIGNED_AT })).toMatchObject(mismatch)
    expect(verifySigV4({ ...list, method: 'DELETE' }, secretFor, { now: SIGNED_AT })).toMatchObject(mismatch)
    expect(verifySigV4(list, () => 'another secret', { now: SIGNED_AT })).toMatchObject(mismatch)
  })

  it('answers an unknown key, a missing or malformed header, a skewed clock and an expired URL as S3 does', () => {
    const list = asSigned(byName('list objects v2'))
    expect(verifySigV4(list, () => undefined, { now: SIGNED_AT })).toEqual({
      ok: false,
      code: 'InvalidAccessKeyId',
      status: 403,
      message: 'The AWS Access Key Id you provided does not exist in our records.',
    })
    const { authorization: _, ...unsigned } = list.headers
    expect(verifySigV4({ ...list, headers: unsigned }, secretFor, { now: SIGNED_AT })).toEqual({ ok: false, code: 'AccessDenied', status: 403, message: 'Access Denied' })
    expect(verifySigV4({ ...list, headers: { ...list.headers, authorization: 'AWS AKIA:abc' } }, secretFor, { now: SIGNED_AT })).toMatchObject({ ok: false, code: 'AuthorizationHeaderMalformed', status: 400 })
    expect(verifySigV4(list, secretFor, { now: SIGNED_AT + 16 * 60_000 })).toMatchObject({ ok: false, code: 'RequestTimeTooSkewed', status: 403 })
    expect(verifySigV4(list, secretFor, { now: SIGNED_AT + 16 * 60_000, maxSkewMs: Infinity })).toMatchObject({ ok: true })
    const presigned = asSigned(byName('pre-signed get'))
    expect(verifySigV4(presigned, secretFor, { now: SIGNED_AT + 3_600_000 })).toMatchObject({ ok: true })
    expect(verifySigV4(presigned, secretFor, { now: SIGNED_AT + 3_601_000 })).toEqual({ ok: false, code: 'AccessDenied', status: 403, message: 'Request has expired' })
    const tooLong = { ...presigned, rawQuery: presigned.rawQuery.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=700000') }
    expect(verifySigV4(tooLong, secretFor, { now: SIGNED_AT })).toMatchObject({ ok: false, code: 'AuthorizationQueryParametersError', status: 400 })
  })
})

/**
 * The canonical request as AWS's documentation spells it, step by step and with no shortcut: the
 * verifier's fast paths (a plain path, plain parameters, a query parsed once) must sign the same.
 */
function referenceSignature(req: SignedRequest, secret: string, scope: string, amzDate: string, signedHeaders: readonly string[], presigned: boolean): string {
  const decode = (v: string) => {
    try {
      return decodeURIComponent(v.replace(/\+/g, '%20'))
    } catch {
      return v
    }
  }
  const encode = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  const uri = req.rawPath.split('/').map((s) => encode(decode(s))).join('/')
  const pairs = req.rawQuery
    .split('&')
    .filter(Boolean)
    .map((p) => (p.includes('=') ? [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] : [p, '']))
    .map(([n, v]) => [encode(decode(n!)), encode(decode(v!))] as const)
    .filter(([n]) => !(presigned && n === 'X-Amz-Signature'))
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
  const headers = signedHeaders.map((h) => `${h}:${(req.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('')
  const canonical = [req.method, uri, pairs.map(([n, v]) => `${n}=${v}`).join('&'), headers, signedHeaders.join(';'), req.headers['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD'].join('\n')
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n')
  let key: Buffer = createHmac('sha256', `AWS4${secret}`).update(scope.split('/')[0]!).digest()
  for (const part of scope.split('/').slice(1)) key = createHmac('sha256', key).update(part).digest()
  return createHmac('sha256', key).update(toSign).digest('hex')
}

describe('verifySigV4 against the canonical request as AWS documents it', () => {
  // Characters a path or query may carry on the wire: plain, reserved, encoded, unicode, `+`, malformed `%`.
  const piece = fc.array(fc.constantFrom('a', 'Z', '0', '-', '_', '.', '~', '!', '*', "'", '(', ')', '+', '=', ':', '@', ',', ';', '$', '%20', '%2F', '%2f', '%E2%82%AC', '€', 'é', ' ', '%', '%zz', '&amp'), { maxLength: 6 }).map((xs) => xs.join(''))
  const path = fc.array(piece.map((s) => s.replace(/[/?#&]/g, '')), { minLength: 1, maxLength: 4 }).map((segments) => `/${segments.join('/')}`)
  const query = fc.array(fc.tuple(piece.map((s) => s.replace(/[&=#]/g, '')), fc.option(piece.map((s) => s.replace(/[&#]/g, '')))), { maxLength: 4 })
  const scope = '20240115/us-east-1/s3/aws4_request'
  const amzDate = '20240115T100000Z'

  it('accepts what the reference signs, header-signed and pre-signed', () => {
    const queryCache = new Map()
    fc.assert(
      fc.property(path, query, fc.boolean(), (rawPath, params, presigned) => {
        let rawQuery = params.map(([n, v]) => (v === null ? n : `${n}=${v}`)).join('&')
        const headers: Record<string, string> = { host: 'bucket.example:9000', 'x-amz-date': amzDate, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }
        const signed = presigned ? ['host'] : ['host', 'x-amz-content-sha256', 'x-amz-date']
        if (presigned) {
          const auth = `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFOLQUICKSTART%2F${scope.replace(/\//g, '%2F')}&X-Amz-Date=${amzDate}&X-Amz-Expires=900&X-Amz-SignedHeaders=host`
          rawQuery = rawQuery ? `${rawQuery}&${auth}` : auth
          const { 'x-amz-content-sha256': _, ...presignedHeaders } = headers
          const req = { method: 'GET', rawPath, rawQuery, headers: presignedHeaders }
          rawQuery += `&X-Amz-Signature=${referenceSignature(req, SECRETS.AKIAIOSFOLQUICKSTART!, scope, amzDate, signed, true)}`
          // Verified again from the query cache, as the front doors verify.
          return verifySigV4({ ...req, rawQuery }, secretFor, { now: SIGNED_AT }).ok && [1, 2].every(() => verifySigV4({ ...req, rawQuery }, secretFor, { now: SIGNED_AT, queryCache }).ok)
        }
        const req = { method: 'GET', rawPath, rawQuery, headers }
        const signature = referenceSignature(req, SECRETS.AKIAIOSFOLQUICKSTART!, scope, amzDate, signed, false)
        headers.authorization = `AWS4-HMAC-SHA256 Credential=AKIAIOSFOLQUICKSTART/${scope}, SignedHeaders=${signed.join(';')}, Signature=${signature}`
        return verifySigV4(req, secretFor, { now: SIGNED_AT }).ok && [1, 2].every(() => verifySigV4(req, secretFor, { now: SIGNED_AT, queryCache }).ok)
      }),
      { numRuns: 1000 }
    )
  })
})

describe('the query cache', () => {
  it('keeps what a query says, never whether a signature matched or a URL expired', () => {
    const presigned = asSigned(byName('pre-signed get'))
    const queryCache = new Map()
    expect(verifySigV4(presigned, secretFor, { now: SIGNED_AT, queryCache })).toMatchObject({ ok: true })
    expect(queryCache.size).toBe(1)
    expect(verifySigV4(presigned, () => 'another secret', { now: SIGNED_AT, queryCache })).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' })
    expect(verifySigV4({ ...presigned, rawPath: `${presigned.rawPath}x` }, secretFor, { now: SIGNED_AT, queryCache })).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' })
    expect(verifySigV4(presigned, secretFor, { now: SIGNED_AT + 3_601_000, queryCache })).toMatchObject({ ok: false, code: 'AccessDenied' })
    for (let i = 0; i < 100; i++) verifySigV4({ ...presigned, rawQuery: `${presigned.rawQuery}&n=${i}` }, secretFor, { now: SIGNED_AT, queryCache })
    expect(queryCache.size).toBe(64)
  })
})

describe('a kept signing key', () => {
  it("signs as createHmac does, for keys of any length and any data (multi-byte, long)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 150 }), fc.array(fc.string({ unit: 'binary', maxLength: 400 }), { minLength: 1, maxLength: 3 }), (key, data) => {
        const k = Buffer.from(key)
        const kept = new HmacKey(k)
        // Several in a row: the buffers it reuses hold nothing of the last signature.
        for (const d of data) expect(kept.hex(d)).toBe(createHmac('sha256', k).update(d).digest('hex'))
      }),
      { numRuns: 1000 }
    )
    // Data longer than the room it starts with, in bytes but not in characters too.
    const kept = new HmacKey(Buffer.alloc(32, 1))
    for (const d of ['é'.repeat(300), '😀'.repeat(200), 'a'.repeat(2000), 'x']) {
      expect(kept.hex(d)).toBe(createHmac('sha256', Buffer.alloc(32, 1)).update(d).digest('hex'))
    }
  })

  it('is kept per secret and scope', () => {
    const keys = new SigningKeys()
    const a = keys.get('secret', '20240115/us-east-1/s3/aws4_request')
    expect(keys.get('secret', '20240115/us-east-1/s3/aws4_request')).toBe(a)
    expect(keys.get('other', '20240115/us-east-1/s3/aws4_request')).not.toBe(a)
    expect(keys.get('secret', '20240116/us-east-1/s3/aws4_request').key).not.toEqual(a.key)
    expect(a.key).toEqual(deriveKey('secret', '20240115/us-east-1/s3/aws4_request'))
  })
})
