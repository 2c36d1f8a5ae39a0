/** The poll lane answers only the ordinary poll; everything else is left to the route. */
import { describe, expect, it } from 'vitest'
import { statusPollLane } from '../../src/api/middleware/status-poll-lane.js'
import { AUTH, importBody, setup, startImport } from '../support/harness.js'

describe('status poll lane', () => {
  it('answers a GET with exactly ?id=, good credentials and a known import; leaves the rest', async () => {
    const h = setup({ repositories: [{ name: 'repo', storageNamespace: 's3://b/repos/repo' }], store: { objects: [{ uri: 's3://b/d/a', content: 'a' }] } })
    const id = await startImport(h, 'repo', 'main', importBody([{ path: 's3://b/d/', destination: 'd/' }], { message: 'm' }))
    const { runtime, journal } = h.app
    const lane = statusPollLane({ emulator: h.emulator, journal, faults: () => runtime.faults, clock: () => runtime.clock })
    const poll = (target: string, init: RequestInit = { headers: { Authorization: AUTH } }) => lane(new Request(`http://localhost${target}`, init), 'rid-1')
    const path = '/api/v1/repositories/repo/branches/main/import'
    const answered = poll(`${path}?id=${id}`)
    expect(answered?.status).toBe(200)
    expect(answered?.headers.get('X-Request-Id')).toBe('rid-1')
    expect(JSON.parse(await answered!.text())).toMatchObject({ completed: false, ingested_objects: 0 })
    for (const leftToRoute of [
      poll(`${path}?id=${id}&id=${id}`),
      poll(`${path}?id=${id}&x=1`),
      poll(`${path}?id=nope`),
      poll(`${path}`),
      poll(`/api/v1/repositories/re%70o/branches/main/import?id=${id}`),
      poll(`/api/v1/repositories/other/branches/main/import?id=${id}`),
      poll(`${path}?id=${id}`, {}),
      poll(`${path}?id=${id}`, { headers: { Authorization: 'Basic bm9wZTpub3Bl' } }),
      poll(`${path}?id=${id}`, { method: 'DELETE', headers: { Authorization: AUTH } }),
    ]) {
      expect(leftToRoute).toBeUndefined()
    }
    expect(journal.list().filter((e) => e.operationId === 'importStatus')).toHaveLength(1)
  })

  it('leaves every poll to the route while the scenario has HTTP fault rules', async () => {
    const h = setup({ repositories: [{ name: 'repo', storageNamespace: 's3://b/repos/repo' }], faults: [{ operation: 'importStatus', calls: [2], respond: { status: 429 } }] })
    const id = await startImport(h, 'repo', 'main', importBody([{ path: 's3://b/d/', destination: 'd/' }], { message: 'm' }))
    const { runtime, journal } = h.app
    const lane = statusPollLane({ emulator: h.emulator, journal, faults: () => runtime.faults, clock: () => runtime.clock })
    expect(lane(new Request(`http://localhost/api/v1/repositories/repo/branches/main/import?id=${id}`, { headers: { Authorization: AUTH } }), 'rid')).toBeUndefined()
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await h.request('GET', `/repositories/repo/branches/main/import?id=${id}`)).status)
    expect(statuses).toEqual([200, 429, 200])
  })
})
