/** A three-way merge with every kind of change on both sides, under each strategy. */
import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/index.js'
import { setup } from '../support/harness.js'
import { branch, commit, contents, diffPaths, merge, put, REPO, remove } from '../support/versioning.js'

const world: Scenario = { repositories: [{ name: REPO, storageNamespace: 's3://bucket/repo' }] }

/**
 * base: same, src-edit, dst-edit, both-edit, both-same, src-del, dst-del, del-vs-edit, edit-vs-del
 * source and destination then change them as the names say, and each adds one file and both add
 * `added-both` with different content.
 */
async function scene() {
  const h = setup(world)
  for (const k of ['same', 'src-edit', 'dst-edit', 'both-edit', 'both-same', 'src-del', 'dst-del', 'del-vs-edit', 'edit-vs-del']) await put(h, 'main', k, 'base')
  await commit(h, 'main', 'base')
  await branch(h, 'feature', 'main')
  // source (feature)
  await put(h, 'feature', 'src-edit', 'src')
  await put(h, 'feature', 'both-edit', 'src')
  await put(h, 'feature', 'both-same', 'same-new')
  await remove(h, 'feature', 'src-del')
  await remove(h, 'feature', 'del-vs-edit')
  await put(h, 'feature', 'edit-vs-del', 'src')
  await put(h, 'feature', 'src-new', 'src')
  await put(h, 'feature', 'added-both', 'src')
  await commit(h, 'feature', 'feature work')
  // destination (main)
  await put(h, 'main', 'dst-edit', 'dst')
  await put(h, 'main', 'both-edit', 'dst')
  await put(h, 'main', 'both-same', 'same-new')
  await remove(h, 'main', 'dst-del')
  await put(h, 'main', 'del-vs-edit', 'dst')
  await remove(h, 'main', 'edit-vs-del')
  await put(h, 'main', 'dst-new', 'dst')
  await put(h, 'main', 'added-both', 'dst')
  await commit(h, 'main', 'main work')
  return h
}

const clean = { same: 'base', 'src-edit': 'src', 'dst-edit': 'dst', 'both-same': 'same-new', 'src-new': 'src', 'dst-new': 'dst' }

describe('three-way merge', () => {
  it('without a strategy fails with 409 and reports the four conflicts in a three-dot diff', async () => {
    const h = await scene()
    const res = await merge(h, 'feature', 'main')
    expect(res.status).toBe(409)
    const diff = await h.request('GET', `/repositories/${REPO}/refs/main/diff/feature`)
    expect(diffPaths(diff.body)).toEqual([
      'conflict added-both',
      'conflict both-edit',
      'conflict del-vs-edit',
      'conflict edit-vs-del',
      'added src-new',
      'changed src-edit',
      'removed src-del',
    ].sort((a, b) => (a.split(' ')[1]! < b.split(' ')[1]! ? -1 : 1)))
  })

  it('source-wins takes the source side of each conflict, deletes included', async () => {
    const h = await scene()
    expect((await merge(h, 'feature', 'main', { strategy: 'source-wins' })).status).toBe(200)
    expect(await contents(h, 'main')).toEqual({ ...clean, 'added-both': 'src', 'both-edit': 'src', 'edit-vs-del': 'src' })
  })

  it('dest-wins keeps the destination side of each conflict', async () => {
    const h = await scene()
    expect((await merge(h, 'feature', 'main', { strategy: 'dest-wins' })).status).toBe(200)
    expect(await contents(h, 'main')).toEqual({ ...clean, 'added-both': 'dst', 'both-edit': 'dst', 'del-vs-edit': 'dst' })
  })
})
