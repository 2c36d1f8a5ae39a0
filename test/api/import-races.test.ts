/**
 * Races between an import and everything else a client can do meanwhile. Each has one outcome,
 * lakeFS's where lakeFS defines it, and none leaves the world inconsistent (checked over every
 * branch, commit and metarange after each test).
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/index.js'
import { type Harness, importBody, listAll, setup, startImport, status } from '../support/harness.js'
import { unreadableEntries, worldProblems } from '../support/invariants.js'

const world: Scenario = {
  store: { generate: [{ prefix: 's3://bucket/big/', keys: ['f{0001..8000}'], size: 8 }] },
  repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo', branches: [{ name: 'b' }] }],
}
// 8,000 objects at lakeFS's default pace (5,000/s): done by the tick at T0 + 2 s.
const body = importBody([{ path: 's3://bucket/big/', destination: 'big/' }], { message: 'load' })

let h: Harness | undefined
afterEach(() => {
  if (h) {
    expect(worldProblems(h.emulator)).toEqual([])
    expect(unreadableEntries(h.emulator)).toEqual([])
  }
  h?.emulator.close()
  h = undefined
})

const head = async (branch = 'main') => (await h!.request('GET', `/repositories/repo/branches/${branch}`)).body.commit_id

describe('import races', () => {
  it('cancel at the completing tick, before the tick is processed: the cancel wins, nothing is committed', async () => {
    h = setup(world)
    const before = await head()
    const id = await startImport(h, 'repo', 'main', body)
    await h.advance(1000)
    h.clock.advance(1000) // the completing tick is due, but no turn has run it yet
    expect((await h.request('DELETE', `/repositories/repo/branches/main/import?id=${id}`)).status).toBe(204)
    await h.advance(0)
    expect((await status(h, 'repo', id)).body).toMatchObject({ completed: false, error: { message: 'import error: Canceled' } })
    expect(await head()).toBe(before)
  })

  it('cancel after the completing tick ran: 409, and the commit stays', async () => {
    h = setup(world)
    const id = await startImport(h, 'repo', 'main', body)
    await h.advance(2000)
    const cancel = await h.request('DELETE', `/repositories/repo/branches/main/import?id=${id}`)
    expect([cancel.status, cancel.body]).toEqual([409, { message: 'conflict found' }])
    expect((await status(h, 'repo', id)).body.completed).toBe(true)
  })

  it('a commit on the branch during the import: the import commits on top of it, keeping its files', async () => {
    h = setup(world)
    const id = await startImport(h, 'repo', 'main', body)
    await h.advance(1000)
    await h.request('POST', '/repositories/repo/branches/main/objects?path=mine.txt', { raw: 'mine' })
    const mine = await h.request('POST', '/repositories/repo/branches/main/commits', { body: { message: 'mine' } })
    expect(mine.status).toBe(201)
    await h.advance(1000)
    const s = (await status(h, 'repo', id)).body
    expect(s.completed).toBe(true)
    expect(s.commit.parents).toEqual([mine.body.id])
    const paths = (await listAll(h, 'repo', 'main')).map((o) => o.path)
    expect([paths.length, paths.includes('mine.txt'), paths.includes('big/f8000')]).toEqual([8001, true, true])
  })

  it('the branch deleted during the import: the import fails at commit time and writes nothing', async () => {
    h = setup(world)
    const id = await startImport(h, 'repo', 'b', body)
    await h.advance(1000)
    expect((await h.request('DELETE', '/repositories/repo/branches/b')).status).toBe(204)
    await h.advance(1000)
    const s = (await status(h, 'repo', id, 'main')).body
    expect(s).toMatchObject({ completed: false, error: { message: expect.stringMatching(/^import error: .*not found/) } })
    expect((await h.request('GET', '/repositories/repo/branches/b')).status).toBe(404)
    expect([...h.emulator.inspect.repository('repo')!.commits.values()].map((c) => c.message)).not.toContain('load')
  })

  it('the repository deleted during the import: its status is gone with it', async () => {
    h = setup(world)
    const id = await startImport(h, 'repo', 'main', body)
    await h.advance(1000)
    expect((await h.request('DELETE', '/repositories/repo')).status).toBe(204)
    await h.advance(1000)
    const s = await status(h, 'repo', id)
    expect([s.status, s.body]).toEqual([404, { message: 'repository not found' }])
    expect(h.emulator.inspect.repositories()).toEqual([])
  })

  it('a reset during the import: the world is the scenario again and the import is forgotten', async () => {
    h = setup(world)
    const id = await startImport(h, 'repo', 'main', body)
    await h.advance(1000)
    expect((await h.control('POST', '/reset')).status).toBe(204)
    await h.advance(2000)
    expect((await status(h, 'repo', id)).status).toBe(404)
    // The injected clock keeps its time over a reset, so the first commit is made again at that time.
    const first = await h.request('GET', `/repositories/repo/commits/${await head()}`)
    expect([first.body.message, first.body.parents]).toEqual(['Repository created', []])
    expect(await listAll(h, 'repo', 'main')).toEqual([])
  })

  it('two imports into one branch at the same tick commit one after the other, each rebased', async () => {
    h = setup(world)
    const first = await startImport(h, 'repo', 'main', body)
    const second = await startImport(h, 'repo', 'main', importBody([{ path: 's3://bucket/big/f000', destination: 'few/' }], { message: 'few' }))
    await h.advance(2000)
    const [a, b] = [(await status(h, 'repo', first)).body, (await status(h, 'repo', second)).body]
    expect([a.completed, b.completed]).toEqual([true, true])
    const last = await head()
    expect([a.commit.id, b.commit.id]).toContain(last)
    const paths = (await listAll(h, 'repo', 'main')).map((o) => o.path)
    expect(paths.length).toBe(8000 + 9)
  })
})

describe('the invariant checker', () => {
  it('notices a head that is not a commit and an entry whose bytes are gone', async () => {
    const broken = setup(world)
    await startImport(broken, 'repo', 'main', body)
    await broken.advance(2000)
    // The one place a test writes to the world directly: no lakeFS call can break it like this.
    const repo = broken.emulator.world.repository('repo')
    repo.branches.get('b')!.head = 'no-such-commit'
    broken.emulator.world.store.delete('s3://bucket/big/f0001')
    expect(worldProblems(broken.emulator)).toEqual(['repo/b: head no-such-commit is not a commit'])
    expect(unreadableEntries(broken.emulator)).toEqual(['repo: big/f0001 unreadable at s3://bucket/big/f0001'])
    broken.emulator.close()
  })
})
