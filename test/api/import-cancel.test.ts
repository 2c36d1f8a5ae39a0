import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/index.js'
import { importBody, listAll, setup, startImport, status, T0 } from '../support/harness.js'

const iso = (ms: number) => new Date(ms).toISOString()
const world = (extra: Partial<Scenario> = {}): Scenario => ({
  store: { generate: [{ prefix: 's3://bucket/big/', keys: ['f{00001..30000}'], size: 8 }] },
  repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo' }],
  ...extra,
})
const body = importBody([{ path: 's3://bucket/big/', destination: 'big/' }])
const cancel = (h: ReturnType<typeof setup>, id: string, branch = 'main') =>
  h.request('DELETE', `/repositories/repo/branches/${branch}/import?id=${id}`)

describe('importCancel', () => {
  it('cancels a running import: 204, error Canceled, nothing committed, update_time frozen', async () => {
    const h = setup(world())
    const head = (await h.request('GET', '/repositories/repo/branches/main')).body
    const id = await startImport(h, 'repo', 'main', body)
    await h.advance(1000)
    await h.advance(500)
    const res = await cancel(h, id)
    expect([res.status, res.text, res.headers.get('Content-Type')]).toEqual([204, '', null])
    const canceled = {
      completed: false,
      update_time: iso(T0 + 1500),
      ingested_objects: 5000,
      error: { message: 'import error: Canceled' },
    }
    expect((await status(h, 'repo', id)).body).toEqual(canceled)
    await h.advance(3000)
    expect((await status(h, 'repo', id)).body).toEqual(canceled)
    expect((await h.request('GET', '/repositories/repo/branches/main')).body).toEqual(head)
    expect(await listAll(h, 'repo', 'main')).toEqual([])
  })

  it('answers 204 again to a second cancel, which stamps the new time', async () => {
    const h = setup(world())
    const id = await startImport(h, 'repo', 'main', body)
    expect((await cancel(h, id)).status).toBe(204)
    await h.advance(2000)
    expect((await cancel(h, id, 'another-branch')).status).toBe(204)
    expect((await status(h, 'repo', id)).body.update_time).toBe(iso(T0 + 2000))
  })

  it('answers 409 once the import completed, and leaves the status as it was', async () => {
    const h = setup(world({ import: { objectsPerSecond: 0 } }))
    const id = await startImport(h, 'repo', 'main', body)
    await h.advance(1000)
    const before = (await status(h, 'repo', id)).body
    expect(before.completed).toBe(true)
    const res = await cancel(h, id)
    expect([res.status, res.body]).toEqual([409, { message: 'conflict found' }])
    expect((await status(h, 'repo', id)).body).toEqual(before)
    expect(before.error).toBeUndefined()
  })

  it('replaces the error of a failed import with Canceled', async () => {
    const h = setup(world())
    const id = await startImport(h, 'repo', 'main', importBody([{ path: 'gs://x/', destination: '' }]))
    await h.advance(1000)
    expect((await status(h, 'repo', id)).body.error.message).toMatch(/^import error: error on ingest/)
    expect((await cancel(h, id)).status).toBe(204)
    expect((await status(h, 'repo', id)).body.error).toEqual({ message: 'import error: Canceled' })
  })

  it('answers 404 for an unknown id and 400 without one', async () => {
    const h = setup(world())
    const res = await cancel(h, 'c00000000000000000a0')
    expect([res.status, res.body]).toEqual([404, { message: 'not found' }])
    expect((await h.request('DELETE', '/repositories/repo/branches/main/import')).status).toBe(400)
  })

  it('with compat.failedImport "completed", reports failures as completed and refuses to cancel them', async () => {
    const h = setup(world({ compat: { failedImport: 'completed' } }))
    const id = await startImport(h, 'repo', 'main', importBody([{ path: 'gs://x/', destination: '' }]))
    await h.advance(1000)
    expect((await status(h, 'repo', id)).body).toMatchObject({ completed: true, error: { message: expect.stringMatching(/^import error: /) } })
    expect((await cancel(h, id)).status).toBe(409)
  })
})
