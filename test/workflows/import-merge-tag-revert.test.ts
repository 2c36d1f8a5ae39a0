/** Import into a side branch, merge into main, tag, then revert the merge, checking every listing. */
import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/index.js'
import { importBody, listAll, setup, startImport, status } from '../support/harness.js'
import { branch, commit, diffPaths, head, merge, put, read, REPO } from '../support/versioning.js'

const world: Scenario = {
  repositories: [{ name: REPO, storageNamespace: 's3://bucket/repos/repo' }],
  import: { objectsPerSecond: 0, statusIntervalMs: 0 },
  store: {
    objects: [
      { uri: 's3://lake/drop/2024-01-15/a.csv', content: 'a\n' },
      { uri: 's3://lake/drop/2024-01-15/b.csv', content: 'bb\n' },
      { uri: 's3://lake/drop/2024-01-15/c.csv', content: 'ccc\n' },
    ],
  },
} as Scenario

describe('import, merge, tag, revert', () => {
  it('keeps every listing right at each step', async () => {
    const h = setup(world)
    await put(h, 'main', 'README', 'docs')
    const start = await commit(h, 'main', 'readme')
    await branch(h, 'ingest', 'main')

    // Import into the side branch: main does not see it.
    const id = await startImport(h, REPO, 'ingest', importBody([{ path: 's3://lake/drop/2024-01-15/', destination: 'tables/events/' }], { message: 'daily drop' }))
    await h.advance(1)
    const imported = (await status(h, REPO, id, 'ingest')).body
    expect([imported.completed, imported.ingested_objects]).toEqual([true, 3])
    expect((await listAll(h, REPO, 'ingest')).map((o) => o.path)).toEqual(['README', 'tables/events/a.csv', 'tables/events/b.csv', 'tables/events/c.csv'])
    expect((await listAll(h, REPO, 'main')).map((o) => o.path)).toEqual(['README'])
    expect(diffPaths((await h.request('GET', `/repositories/${REPO}/refs/main/diff/ingest`)).body)).toEqual([
      'added tables/events/a.csv',
      'added tables/events/b.csv',
      'added tables/events/c.csv',
    ])

    // Merge into main and tag the result.
    const merged = await merge(h, 'ingest', 'main', { message: 'publish 2024-01-15' })
    expect(merged.status).toBe(200)
    const tag = await h.request('POST', `/repositories/${REPO}/tags`, { body: { id: 'daily-2024-01-15', ref: 'main' } })
    expect(tag.body).toEqual({ id: 'daily-2024-01-15', commit_id: merged.body.reference })
    expect((await listAll(h, REPO, 'daily-2024-01-15')).map((o) => o.physical_address)).toEqual([
      expect.stringMatching(/^s3:\/\/bucket\/repos\/repo\/data\//),
      's3://lake/drop/2024-01-15/a.csv',
      's3://lake/drop/2024-01-15/b.csv',
      's3://lake/drop/2024-01-15/c.csv',
    ])
    expect(await read(h, 'main', 'tables/events/b.csv')).toEqual([200, 'bb\n'])
    const log = (await h.request('GET', `/repositories/${REPO}/refs/main/commits`)).body.results.map((c: any) => c.message)
    expect(log).toEqual(['publish 2024-01-15', 'daily drop', 'readme', 'Repository created'])

    // Something was wrong: revert the merge relative to main's side (parent 1).
    const reverted = await h.request('POST', `/repositories/${REPO}/branches/main/revert`, { body: { ref: 'daily-2024-01-15', parent_number: 1 } })
    expect(reverted.status).toBe(204)
    expect((await listAll(h, REPO, 'main')).map((o) => o.path)).toEqual(['README'])
    const revertCommit = (await h.request('GET', `/repositories/${REPO}/commits/main`)).body
    expect(revertCommit.meta_range_id).toBe(start.meta_range_id)
    expect(revertCommit.message).toBe('Revert daily-2024-01-15')
    // The tag still points at the published data, and the side branch is untouched.
    expect((await listAll(h, REPO, 'daily-2024-01-15'))).toHaveLength(4)
    expect((await listAll(h, REPO, 'ingest'))).toHaveLength(4)
    expect(diffPaths((await h.request('GET', `/repositories/${REPO}/refs/daily-2024-01-15/diff/main?type=two_dot`)).body)).toEqual([
      'removed tables/events/a.csv',
      'removed tables/events/b.csv',
      'removed tables/events/c.csv',
    ])
    expect(await head(h, 'ingest')).toBe(imported.commit.id)
  })
})
