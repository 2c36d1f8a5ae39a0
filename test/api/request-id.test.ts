/** Every answer carries X-Request-Id (the caller's own when it sent one), and the journal entry has the same id. */
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../../src/index.js'
import { AUTH, importBody, setup, startImport } from '../support/harness.js'

const world = {
  repositories: [{ name: 'repo', storageNamespace: 's3://b/repos/repo' }],
  store: { objects: [{ uri: 's3://b/d/a', content: 'a' }] },
}

describe('X-Request-Id', () => {
  it('is on every kind of answer, counts up, and matches the journal', async () => {
    const h = setup(world)
    const id = await startImport(h, 'repo', 'main', importBody([{ path: 's3://b/d/', destination: 'd/' }], { message: 'm' }))
    await h.request('POST', '/repositories/repo/branches/main/objects?path=o', { raw: 'bytes', headers: { 'Content-Type': 'application/octet-stream' } })
    const answers = [
      await h.request('GET', '/repositories/repo'), // JSON
      await h.request('GET', '/repositories/nope'), // error
      await h.request('GET', '/healthcheck', { auth: null }), // 204
      await h.request('GET', '/repositories/repo/refs/main/objects?path=o'), // bytes
      await h.request('GET', `/repositories/repo/branches/main/import?id=${id}`), // cached status JSON
      await h.request('DELETE', `/repositories/repo/branches/main/import?id=${id}`), // 204 from c.body
    ]
    const ids = answers.map((a) => a.headers.get('X-Request-Id'))
    expect(ids).toEqual([3, 4, 5, 6, 7, 8].map((n) => `00000000-0000-4000-8000-00000000000${n}`))
    const journal = h.app.journal.list().slice(-6)
    expect(journal.map((e) => e.requestId)).toEqual(ids)
    const control = await h.app.request('/_emulator/clock')
    expect(control.headers.get('X-Request-Id')).toBe('00000000-0000-4000-8000-000000000009')
  })

  it("keeps the caller's id when it is a plain token, and makes one otherwise", async () => {
    const h = setup(world)
    const own = await h.request('GET', '/repositories/repo', { headers: { 'X-Request-Id': 'pipeline-42/step.3' } })
    expect(own.headers.get('X-Request-Id')).toBe('pipeline-42/step.3')
    const junk = await h.request('GET', '/repositories/repo', { headers: { 'X-Request-Id': 'has spaces, commas' } })
    expect(junk.headers.get('X-Request-Id')).toBe('00000000-0000-4000-8000-000000000001')
  })

  it('is on the wire too, including the status poll answered before routing', async () => {
    const lakefs = createEmulator({ scenarios: [world] })
    try {
      const { url } = await lakefs.listen()
      const started = await fetch(`${url}/api/v1/repositories/repo/branches/main/import`, {
        method: 'POST',
        headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
        body: JSON.stringify(importBody([{ path: 's3://b/d/', destination: 'd/' }], { message: 'm' })),
      })
      const { id } = (await started.json()) as { id: string }
      const poll = await fetch(`${url}/api/v1/repositories/repo/branches/main/import?id=${id}`, { headers: { Authorization: AUTH, 'X-Request-Id': 'poll-1' } })
      expect([started.headers.get('X-Request-Id'), poll.headers.get('X-Request-Id')]).toEqual(['00000000-0000-4000-8000-000000000001', 'poll-1'])
      expect(lakefs.journal.list().map((e) => [e.operationId, e.requestId])).toEqual([
        ['importStart', '00000000-0000-4000-8000-000000000001'],
        ['importStatus', 'poll-1'],
      ])
    } finally {
      await lakefs.close()
    }
  })
})
