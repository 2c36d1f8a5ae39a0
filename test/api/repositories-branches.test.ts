import { describe, expect, it } from 'vitest'
import { setup, T0 } from '../support/harness.js'

const create = (h: ReturnType<typeof setup>, name: string, extra: Record<string, unknown> = {}) =>
  h.request('POST', '/repositories', { body: { name, storage_namespace: `s3://bucket/${name}`, ...extra } })

describe('createRepository', () => {
  it('returns 201 with the repository, and 409 when it exists', async () => {
    const h = setup()
    const res = await create(h, 'repo-a', { default_branch: 'trunk', sample_data: false })
    expect([res.status, res.body]).toEqual([
      201,
      { id: 'repo-a', creation_date: T0 / 1000, default_branch: 'trunk', storage_id: '', storage_namespace: 's3://bucket/repo-a', read_only: false },
    ])
    const again = await create(h, 'repo-a')
    expect([again.status, again.body]).toEqual([409, { message: 'repository already exists: not unique' }])
  })

  it.each([['a bad name', { name: 'A_b', storage_namespace: 's3://b/x' }], ['a bad namespace', { name: 'abc', storage_namespace: 'ftp://x' }]])(
    'rejects %s with 400 and creates nothing',
    async (_, body) => {
      const h = setup()
      const res = await h.request('POST', '/repositories', { body })
      expect(res.status).toBe(400)
      expect((await h.request('GET', '/repositories')).body.results).toEqual([])
    }
  )
})

describe('listRepositories, getRepository, deleteRepository', () => {
  it('pages with after/amount and a prefix', async () => {
    const h = setup()
    for (const n of ['aaa', 'bbb', 'ccc', 'abc']) await create(h, n)
    const page = await h.request('GET', '/repositories?amount=2')
    expect(page.body.results.map((r: any) => r.id)).toEqual(['aaa', 'abc'])
    expect(page.body.pagination).toEqual({ has_more: true, next_offset: 'abc', results: 2, max_per_page: 1000 })
    const next = await h.request('GET', '/repositories?amount=2&after=abc')
    expect(next.body.results.map((r: any) => r.id)).toEqual(['bbb', 'ccc'])
    expect(next.body.pagination).toEqual({ has_more: false, next_offset: '', results: 2, max_per_page: 1000 })
    expect((await h.request('GET', '/repositories?prefix=a')).body.results.map((r: any) => r.id)).toEqual(['aaa', 'abc'])
    expect((await h.request('GET', '/repositories?amount=1001')).status).toBe(400)
  })

  it('gets and deletes; then 404 repository not found', async () => {
    const h = setup()
    await create(h, 'gone')
    expect((await h.request('GET', '/repositories/gone')).status).toBe(200)
    expect((await h.request('DELETE', '/repositories/gone')).status).toBe(204)
    const res = await h.request('GET', '/repositories/gone')
    expect([res.status, res.body]).toEqual([404, { message: 'repository not found' }])
  })
})

describe('branches', () => {
  it('createBranch answers 201 with the bare commit id as text/html', async () => {
    const h = setup()
    await create(h, 'repo')
    const head = (await h.request('GET', '/repositories/repo/branches/main')).body.commit_id
    const res = await h.request('POST', '/repositories/repo/branches', { body: { name: 'feature', source: 'main' } })
    expect([res.status, res.text, res.headers.get('Content-Type')?.split(';')[0]]).toEqual([201, head, 'text/html'])
    expect((await h.request('GET', '/repositories/repo/branches/feature')).body).toEqual({ id: 'feature', commit_id: head })
    expect((await h.request('POST', '/repositories/repo/branches', { body: { name: 'from-id', source: head } })).status).toBe(201)
  })

  it('answers 409 for an existing branch, 404 for a missing source, 400 for a bad name', async () => {
    const h = setup()
    await create(h, 'repo')
    const dup = await h.request('POST', '/repositories/repo/branches', { body: { name: 'main', source: 'main' } })
    expect([dup.status, dup.body]).toEqual([409, { message: 'branch already exists: not unique' }])
    expect((await h.request('POST', '/repositories/repo/branches', { body: { name: 'x', source: 'nope' } })).status).toBe(404)
    expect((await h.request('POST', '/repositories/repo/branches', { body: { name: 'bad name', source: 'main' } })).status).toBe(400)
  })

  it('lists with pagination and deletes, refusing the default branch', async () => {
    const h = setup()
    await create(h, 'repo')
    for (const b of ['b1', 'b2']) await h.request('POST', '/repositories/repo/branches', { body: { name: b, source: 'main' } })
    const list = await h.request('GET', '/repositories/repo/branches?amount=2')
    expect(list.body.results.map((r: any) => r.id)).toEqual(['b1', 'b2'])
    expect(list.body.pagination.has_more).toBe(true)
    expect((await h.request('DELETE', '/repositories/repo/branches/b1')).status).toBe(204)
    expect((await h.request('GET', '/repositories/repo/branches/b1')).body).toEqual({ message: 'branch not found' })
    const main = await h.request('DELETE', '/repositories/repo/branches/main')
    expect([main.status, main.body]).toEqual([400, { message: 'cannot delete repository default branch' }])
  })

  it('getCommit resolves a branch or a commit id, and 404s otherwise', async () => {
    const h = setup()
    await create(h, 'repo')
    const byBranch = await h.request('GET', '/repositories/repo/commits/main')
    expect((await h.request('GET', `/repositories/repo/commits/${byBranch.body.id}`)).body).toEqual(byBranch.body)
    const missing = await h.request('GET', '/repositories/repo/commits/nope')
    expect([missing.status, missing.body]).toEqual([404, { message: 'commit not found' }])
  })
})

describe('health, setup and config', () => {
  it('healthCheck is 204 without auth, and so is /_health', async () => {
    const h = setup()
    const res = await h.request('GET', '/healthcheck', { auth: null })
    expect([res.status, res.text]).toEqual([204, ''])
    expect((await h.app.request('/_health')).status).toBe(204)
  })

  it('getConfig reports storage as lakeFS does, with pre-signing off; 401 without auth', async () => {
    const h = setup({ blockstore: { type: 'gs' } })
    const res = await h.request('GET', '/config')
    expect(res.body).toEqual({
      version_config: { version: expect.any(String), version_context: 'lakefs-emulator' },
      storage_config: {
        blockstore_id: '',
        blockstore_type: 'gs',
        blockstore_description: '',
        blockstore_namespace_example: 'gs://example-bucket/',
        blockstore_namespace_ValidityRegex: '^gs://',
        default_namespace_prefix: 'gs://',
        pre_sign_support: false,
        pre_sign_support_ui: false,
        pre_sign_multipart_upload: false,
        import_support: true,
        import_validity_regex: '^gs://',
      },
      storage_config_list: [],
      ui_config: {},
      capabilities_config: {},
    })
    expect((await h.request('GET', '/config/storage')).body).toEqual(res.body.storage_config)
    expect((await h.request('GET', '/config/version')).body).toEqual(res.body.version_config)
    expect((await h.request('GET', '/config', { auth: null })).status).toBe(401)
  })

  it('setup: initialized with the quickstart user, 409 on setup', async () => {
    const h = setup()
    expect((await h.request('GET', '/setup_lakefs', { auth: null })).body.state).toBe('initialized')
    const res = await h.request('POST', '/setup_lakefs', { body: { username: 'admin' }, auth: null })
    expect([res.status, res.body]).toEqual([409, { message: 'lakeFS already initialized' }])
  })

  it('setup creates the first user when the scenario has none, and the key then works', async () => {
    const h = setup({ credentials: [] })
    expect((await h.request('GET', '/setup_lakefs', { auth: null })).body.state).toBe('not_initialized')
    const res = await h.request('POST', '/setup_lakefs', { body: { username: 'admin', key: { access_key_id: 'AKIAX', secret_access_key: 'sekret' } }, auth: null })
    expect(res.body).toEqual({ access_key_id: 'AKIAX', secret_access_key: 'sekret', creation_date: T0 / 1000 })
    const auth = `Basic ${Buffer.from('AKIAX:sekret').toString('base64')}`
    expect((await h.request('GET', '/repositories', { auth })).status).toBe(200)
  })

  it('answers unknown API paths with 404 invalid API endpoint', async () => {
    const h = setup()
    const res = await h.app.request('/api/v1/no/such/thing')
    expect([res.status, await res.json()]).toEqual([404, { message: 'invalid API endpoint' }])
  })
})
