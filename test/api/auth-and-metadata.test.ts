import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/index.js'
import { QUICKSTART, setup, T0 } from '../support/harness.js'

const world: Scenario = { repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repo' }] }

describe('login', () => {
  it('returns a token that works as a bearer until it expires a week later', async () => {
    const h = setup(world)
    const res = await h.request('POST', '/auth/login', { body: { access_key_id: QUICKSTART.id, secret_access_key: QUICKSTART.secret }, auth: null })
    expect(res.status).toBe(200)
    expect(res.body.token_expiration).toBe(T0 / 1000 + 7 * 24 * 3600)
    expect(res.body.token.split('.')).toHaveLength(3)
    // gorilla/sessions' defaults, which lakeFS's session store keeps; Max-Age rather than an Expires from the emulator clock.
    expect(res.headers.get('Set-Cookie')).toBe(`internal_auth_session=${res.body.token}; Path=/; Max-Age=2592000`)
    const bearer = `Bearer ${res.body.token}`
    expect((await h.request('GET', '/repositories/repo', { auth: bearer })).status).toBe(200)
    h.clock.advance(7 * 24 * 3600 * 1000)
    const expired = await h.request('GET', '/repositories/repo', { auth: bearer })
    expect([expired.status, expired.body]).toEqual([401, { message: 'error authenticating request' }])
  })

  it('answers 401 for wrong keys, and refuses a tampered token', async () => {
    const h = setup(world)
    const bad = await h.request('POST', '/auth/login', { body: { access_key_id: QUICKSTART.id, secret_access_key: 'wrong' }, auth: null })
    expect([bad.status, bad.body]).toEqual([401, { message: 'error authenticating request' }])
    const ok = await h.request('POST', '/auth/login', { body: { access_key_id: QUICKSTART.id, secret_access_key: QUICKSTART.secret }, auth: null })
    const [header, payload, sig] = ok.body.token.split('.')
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'root' })).toString('base64url')
    // lakeFS's spec declares only 200 for /user, though its auth middleware answers 401 like everywhere else.
    const forgedRes = await h.app.request('/api/v1/user', { headers: { Authorization: `Bearer ${header}.${forged}.${sig}` } })
    expect([forgedRes.status, await forgedRes.json()]).toEqual([401, { message: 'error authenticating request' }])
  })

  it('issues the same token for the same seed and time', async () => {
    const login = async () =>
      (await setup(world).request('POST', '/auth/login', { body: { access_key_id: QUICKSTART.id, secret_access_key: QUICKSTART.secret }, auth: null })).body.token
    expect(await login()).toBe(await login())
  })
})

describe('getCurrentUser', () => {
  it('names the authenticated user, by basic auth or bearer', async () => {
    const h = setup(world)
    const res = await h.request('GET', '/user')
    expect([res.status, res.body]).toEqual([200, { user: { id: 'quickstart', creation_date: expect.any(Number), friendly_name: 'quickstart' } }])
    const token = (await h.request('POST', '/auth/login', { body: { access_key_id: QUICKSTART.id, secret_access_key: QUICKSTART.secret }, auth: null })).body.token
    expect((await h.request('GET', '/user', { auth: `Bearer ${token}` })).body.user.id).toBe('quickstart')
  })

  it('answers an anonymous caller with an empty user, as lakeFS\'s web UI expects before login', async () => {
    const h = setup(world)
    const anonymous = await h.app.request('/api/v1/user')
    expect([anonymous.status, await anonymous.json()]).toEqual([200, { user: { id: '', creation_date: 0 } }])
    // lakeFS's spec declares only 200 for /user; wrong credentials still get its middleware's 401.
    const wrong = await h.app.request('/api/v1/user', { headers: { Authorization: `Basic ${Buffer.from(`${QUICKSTART.id}:nope`).toString('base64')}` } })
    expect([wrong.status, await wrong.json()]).toEqual([401, { message: 'error authenticating request' }])
  })
})

describe('session cookie', () => {
  it('authenticates with the cookie login set, after the Authorization schemes', async () => {
    const h = setup(world)
    const login = await h.request('POST', '/auth/login', { body: { access_key_id: QUICKSTART.id, secret_access_key: QUICKSTART.secret }, auth: null })
    const cookie = login.headers.get('Set-Cookie')!.split(';')[0]!
    const get = (headers: Record<string, string>) => h.app.request('/api/v1/repositories/repo', { headers })
    expect((await get({ Cookie: cookie })).status).toBe(200)
    expect((await get({ Cookie: `other=1; ${cookie}` })).status).toBe(200)
    expect((await get({ Cookie: `${cookie}x` })).status).toBe(401)
    // A wrong Authorization fails even beside a good cookie; a scheme lakeFS does not know is skipped.
    expect((await get({ Cookie: cookie, Authorization: 'Bearer nope' })).status).toBe(401)
    expect((await get({ Cookie: cookie, Authorization: 'Token abc' })).status).toBe(200)
    const user = await h.app.request('/api/v1/user', { headers: { Cookie: cookie } })
    expect((await user.json()).user.id).toBe('quickstart')
    h.clock.advance(7 * 24 * 3600 * 1000)
    expect((await get({ Cookie: cookie })).status).toBe(401)
  })
})

describe('repository metadata', () => {
  it('sets keys (merging) and deletes keys', async () => {
    const h = setup(world)
    const meta = '/repositories/repo/metadata'
    expect((await h.request('POST', meta, { body: { metadata: { owner: 'data', tier: 'gold' } } })).status).toBe(204)
    expect((await h.request('POST', meta, { body: { metadata: { tier: 'silver' } } })).status).toBe(204)
    expect((await h.request('GET', meta)).body).toEqual({ owner: 'data', tier: 'silver' })
    expect((await h.request('DELETE', meta, { body: { keys: ['owner', 'absent'] } })).status).toBe(204)
    expect((await h.request('GET', meta)).body).toEqual({ tier: 'silver' })
    expect((await h.request('POST', '/repositories/nope/metadata', { body: { metadata: {} } })).status).toBe(404)
    expect((await h.request('POST', meta, { body: { metadata: { n: 1 } } })).status).toBe(400)
  })
})
