/**
 * The SigV4 verifier against requests signed by botocore, the signer boto3 uses: each verifies,
 * and each change a client or an attacker could make (path, query, a signed header, the secret,
 * the time) is refused with S3's code and status.
 */
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { type SignedRequest, verifySigV4 } from '../../src/s3/sigv4.js'

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
