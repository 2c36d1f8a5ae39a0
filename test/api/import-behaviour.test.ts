import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/index.js'
import { type Harness, importBody, listAll, setup, startImport, status, T0 } from '../support/harness.js'

const MTIME = '2024-01-01T00:00:00Z'
const text = (uri: string, content = uri) => ({ uri, content, lastModified: MTIME })
const world = (extra: Partial<Scenario> = {}): Scenario => ({
  import: { objectsPerSecond: 0 },
  store: {
    objects: [
      text('s3://bucket/data/a.csv'),
      text('s3://bucket/data/sub/b.csv'),
      text('s3://bucket/data2/c.csv'),
      text('s3://bucket/f1'),
      text('s3://bucket/f1.bak'),
      text('s3://bucket/f10'),
      text('s3://bucket/seed/a/nested/x', 'old'),
      text('s3://bucket/seed/a/nested-old/x', 'old'),
      text('s3://bucket/seed/a/nested.txt', 'old'),
      text('s3://bucket/seed/b/x', 'old'),
    ],
  },
  repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo' }],
  ...extra,
})

/** Runs one import to completion (unpaced) and returns its final status body. */
async function runImport(h: Harness, paths: Parameters<typeof importBody>[0], commit: Record<string, unknown> = { message: '' }, branch = 'main') {
  const id = await startImport(h, 'repo', branch, importBody(paths, commit))
  await h.advance(1000)
  return (await status(h, 'repo', id)).body
}
const paths = async (h: Harness, ref = 'main') => (await listAll(h, 'repo', ref)).map((o) => o.path)

describe('key mapping', () => {
  it('maps a prefix with a trailing slash to destination + key relative to it', async () => {
    const h = setup(world())
    await runImport(h, [{ path: 's3://bucket/data/', destination: 'imported/new-prefix/' }])
    expect(await paths(h)).toEqual(['imported/new-prefix/a.csv', 'imported/new-prefix/sub/b.csv'])
  })

  it('keeps the last path segment of a prefix without a trailing slash, and lists by string prefix', async () => {
    const h = setup(world())
    await runImport(h, [{ path: 's3://bucket/data', destination: 'imported' }])
    expect(await paths(h)).toEqual(['imported/data/a.csv', 'imported/data/sub/b.csv', 'imported/data2/c.csv'])
  })

  it('imports an object to exactly its destination; sibling keys sharing the prefix overwrite it (lakeFS quirk)', async () => {
    const h = setup(world())
    const s = await runImport(h, [{ type: 'object', path: 's3://bucket/f1', destination: 'one' }])
    expect(s.ingested_objects).toBe(3)
    expect(await paths(h)).toEqual(['one'])
    const stat = await h.request('GET', '/repositories/repo/refs/main/objects/stat?path=one')
    expect(stat.body.physical_address).toBe('s3://bucket/f10')
  })

  it('imports with an empty destination to the branch root', async () => {
    const h = setup(world())
    await runImport(h, [{ path: 's3://bucket/data/', destination: '' }])
    expect(await paths(h)).toEqual(['a.csv', 'sub/b.csv'])
  })
})

describe('destination replacement', () => {
  async function seeded() {
    const h = setup(world())
    await runImport(h, [{ path: 's3://bucket/seed/', destination: '' }])
    expect(await paths(h)).toEqual(['a/nested-old/x', 'a/nested.txt', 'a/nested/x', 'b/x'])
    return h
  }

  it('replaces every key starting with the raw destination string, and keeps the rest', async () => {
    const h = await seeded()
    await runImport(h, [{ path: 's3://bucket/data/', destination: 'a/nested' }])
    expect(await paths(h)).toEqual(['a/nested/a.csv', 'a/nested/sub/b.csv', 'b/x'])
  })

  it('clears the destination even when the source matches nothing', async () => {
    const h = await seeded()
    const s = await runImport(h, [{ path: 's3://bucket/nothing-here/', destination: 'a/' }])
    expect(s.ingested_objects).toBe(0)
    expect(await paths(h)).toEqual(['b/x'])
  })

  it('wipes the whole branch for destination "" except what it imports', async () => {
    const h = await seeded()
    await runImport(h, [{ path: 's3://bucket/data2/', destination: '' }])
    expect(await paths(h)).toEqual(['c.csv'])
  })

  it('removes nothing with paths: []', async () => {
    const h = await seeded()
    const s = await runImport(h, [])
    expect(s).toMatchObject({ completed: true, ingested_objects: 0 })
    expect(await paths(h)).toHaveLength(4)
  })

  it('gives identical entries when re-importing the same content (empty diff, new commit)', async () => {
    const h = await seeded()
    const first = await h.request('GET', '/repositories/repo/commits/main')
    const s = await runImport(h, [{ path: 's3://bucket/seed/', destination: '' }])
    expect(s.commit.id).not.toBe(first.body.id)
    expect(s.commit.meta_range_id).toBe(first.body.meta_range_id)
  })
})

describe('the import commit', () => {
  it('is one commit directly on the branch with lakeFS fields', async () => {
    const h = setup(world())
    const before = (await h.request('GET', '/repositories/repo/branches/main')).body.commit_id
    const s = await runImport(h, [{ path: 's3://bucket/data/', destination: 'x/' }], { message: 'daily', metadata: { created_by: 'import' }, date: 1, allow_empty: true })
    expect(s.commit).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{64}$/),
      parents: [before],
      committer: 'quickstart',
      message: 'daily',
      creation_date: T0 / 1000 + 1,
      meta_range_id: s.metarange_id,
      metadata: { created_by: 'import', '.lakefs.merge.strategy': 'source-wins' },
      generation: 2,
      version: 1,
    })
    const head = await h.request('GET', '/repositories/repo/commits/main')
    expect(head.body).toEqual(s.commit)
    expect((await h.request('GET', `/repositories/repo/commits/${s.commit.id}`)).body).toEqual(s.commit)
    expect((await h.request('GET', '/repositories/repo/metadata')).body).toEqual({
      '.lakefs.last.import.timestamp': String(s.commit.creation_date),
    })
  })

  it('defaults the message to "Import objects" and commits an empty import with the empty metarange', async () => {
    const h = setup(world())
    const s = await runImport(h, [])
    expect(s.commit.message).toBe('Import objects')
    expect(s.commit.meta_range_id).toBe('00fb7eff1a97c500eb3ca8d2ef5464131d6b6a5f9512e41eba97843522213b66')
  })

  it('follows a first commit "Repository created" with an empty metarange id', async () => {
    const h = setup(world())
    const first = (await h.request('GET', '/repositories/repo/commits/main')).body
    expect(first).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{64}$/),
      parents: [],
      committer: '',
      message: 'Repository created',
      creation_date: T0 / 1000,
      meta_range_id: '',
      metadata: {},
      generation: 1,
      version: 1,
    })
  })

  it('gives the same commit, metarange and import IDs for the same scenario, seed and clock', async () => {
    const run = async (seed: number) => {
      const h = setup(world(), { seed })
      const id = await startImport(h, 'repo', 'main', importBody([{ path: 's3://bucket/data/', destination: 'x/' }]))
      await h.advance(1000)
      return { id, ...(await status(h, 'repo', id)).body }
    }
    const [a, b, c] = [await run(3), await run(3), await run(4)]
    expect(b).toEqual(a)
    expect(c.id).not.toBe(a.id)
    expect(c.commit.id).toBe(a.commit.id) // content-addressed: the seed does not enter
  })
})

describe('imported entries', () => {
  it('keep the source URI, the store ETag (MD5 of the bytes served), the source mtime, and no content type', async () => {
    const h = setup(world())
    await runImport(h, [{ path: 's3://bucket/data/', destination: 'x/' }])
    const stat = await h.request('GET', '/repositories/repo/refs/main/objects/stat?path=x/a.csv')
    const data = await h.request('GET', '/repositories/repo/refs/main/objects?path=x/a.csv')
    expect(data.text).toBe('s3://bucket/data/a.csv')
    expect(stat.body).toEqual({
      path: 'x/a.csv',
      path_type: 'object',
      physical_address: 's3://bucket/data/a.csv',
      checksum: createHash('md5').update(data.text).digest('hex'),
      size_bytes: 22,
      mtime: Date.parse(MTIME) / 1000,
      metadata: {},
      content_type: 'application/octet-stream',
    })
    expect(data.headers.get('ETag')).toBe(`"${stat.body.checksum}"`)
    expect(data.headers.get('Content-Length')).toBe('22')
  })

  it('serve byte ranges with 206, and 416 outside the object', async () => {
    const h = setup(world())
    await runImport(h, [{ path: 's3://bucket/data/', destination: 'x/' }])
    const part = await h.request('GET', '/repositories/repo/refs/main/objects?path=x/a.csv', { headers: { Range: 'bytes=5-10' } })
    expect([part.status, part.text, part.headers.get('Content-Range')]).toEqual([206, 'bucket', 'bytes 5-10/22'])
    const tail = await h.request('GET', '/repositories/repo/refs/main/objects?path=x/a.csv', { headers: { Range: 'bytes=-3' } })
    expect([tail.status, tail.text]).toEqual([206, 'csv'])
    const bad = await h.request('GET', '/repositories/repo/refs/main/objects?path=x/a.csv', { headers: { Range: 'bytes=99-' } })
    expect([bad.status, bad.headers.get('Content-Range')]).toEqual([416, 'bytes */22'])
  })
})

describe('dirty branch, read-only repository and atomicity', () => {
  const dirty = (extra: Partial<Scenario> = {}): Scenario => ({
    ...world(extra),
    repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo', branches: [{ name: 'ingestion', uncommitted: [{ path: 'wip.csv', content: 'a,b' }] }] }],
  })

  it.each([false, true])('fails at commit time with force=%s, leaving the branch untouched', async (force) => {
    const h = setup(dirty())
    const before = (await h.request('GET', '/repositories/repo/branches/ingestion')).body
    const id = await startImport(h, 'repo', 'ingestion', importBody([{ path: 's3://bucket/data/', destination: 'x/' }], { message: 'm' }, force))
    await h.advance(1000)
    expect((await status(h, 'repo', id)).body).toEqual({
      completed: false,
      update_time: new Date(T0 + 1000).toISOString(),
      ingested_objects: 2,
      error: { message: 'import error: merge import: uncommitted changes (dirty branch)' },
    })
    expect((await h.request('GET', '/repositories/repo/branches/ingestion')).body).toEqual(before)
    expect(await paths(h, 'ingestion')).toEqual(['wip.csv'])
  })

  it('fails in a read-only repository unless force is set', async () => {
    const ro: Scenario = { ...world(), repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo', readOnly: true }] }
    const h = setup(ro)
    const failed = await runImport(h, [{ path: 's3://bucket/data/', destination: 'x/' }])
    expect(failed.error).toEqual({ message: 'import error: write range: read-only repository' })
    const empty = await runImport(h, [])
    expect(empty.error).toEqual({ message: 'import error: create metarange: read-only repository' })
    const id = await startImport(h, 'repo', 'main', importBody([{ path: 's3://bucket/data/', destination: 'x/' }], { message: '' }, true))
    await h.advance(1000)
    expect((await status(h, 'repo', id)).body.completed).toBe(true)
  })
})

describe('concurrent imports', () => {
  it('run side by side on different branches', async () => {
    const h = setup(world())
    await h.request('POST', '/repositories/repo/branches', { body: { name: 'other', source: 'main' } })
    const a = await startImport(h, 'repo', 'main', importBody([{ path: 's3://bucket/data/', destination: 'a/' }]))
    const b = await startImport(h, 'repo', 'other', importBody([{ path: 's3://bucket/data2/', destination: 'b/' }]))
    await h.advance(1000)
    expect((await status(h, 'repo', a)).body.completed).toBe(true)
    expect((await status(h, 'repo', b)).body.completed).toBe(true)
    expect(await paths(h, 'main')).toEqual(['a/a.csv', 'a/sub/b.csv'])
    expect(await paths(h, 'other')).toEqual(['b/c.csv'])
  })

  it('commit in turn on one branch, each rebased on the head it finds', async () => {
    const h = setup(world())
    const a = await startImport(h, 'repo', 'main', importBody([{ path: 's3://bucket/data/', destination: 'a/' }]))
    const b = await startImport(h, 'repo', 'main', importBody([{ path: 's3://bucket/data2/', destination: 'b/' }]))
    await h.advance(1000)
    const [sa, sb] = [(await status(h, 'repo', a)).body, (await status(h, 'repo', b)).body]
    expect(sb.commit.parents).toEqual([sa.commit.id])
    expect((await h.request('GET', '/repositories/repo/branches/main')).body.commit_id).toBe(sb.commit.id)
    expect(await paths(h)).toEqual(['a/a.csv', 'a/sub/b.csv', 'b/c.csv'])
  })
})

describe('local sources', () => {
  const local: Scenario = {
    import: { objectsPerSecond: 0 },
    blockstore: { type: 'local', importEnabled: true },
    store: { objects: [text('local:///data/dir/a.txt'), text('local:///data/dir/.hidden/b.txt'), text('local:///data/dir/sub/.c'), text('local:///data/dir2/x')] },
    repositories: [{ name: 'repo', storageNamespace: 'local://repos/repo' }],
  }

  it('imports a directory relative to itself, skipping hidden files', async () => {
    const h = setup(local)
    const s = await runImport(h, [{ path: 'local:///data/dir', destination: 'in' }])
    expect(s.ingested_objects).toBe(1)
    expect(await paths(h)).toEqual(['in/a.txt'])
  })

  it('imports hidden files with importHidden, and exactly one file as an object', async () => {
    const h = setup({ ...local, blockstore: { type: 'local', importEnabled: true, importHidden: true } })
    await runImport(h, [{ path: 'local:///data/dir/', destination: 'in/' }, { type: 'object', path: 'local:///data/dir2/x', destination: 'one' }])
    expect(await paths(h)).toEqual(['in/.hidden/b.txt', 'in/a.txt', 'in/sub/.c', 'one'])
  })

  it('never reads or writes the host file system, whatever the path says', async () => {
    const host = mkdtempSync(join(tmpdir(), 'lakefs-emulator-host-'))
    writeFileSync(join(host, 'secret.txt'), 'host secret')
    try {
      const h = setup(local)
      // A real host directory, the same through `..`, and an absolute system path: none is in the fake store.
      const dir = await runImport(h, [{ path: `local://${host}/`, destination: 'host/' }])
      expect([dir.completed, dir.ingested_objects]).toEqual([true, 0])
      const object = await runImport(h, [{ type: 'object', path: `local://${host}/../${basename(host)}/secret.txt`, destination: 'leak' }])
      expect(object.error.message).toContain('no such file or directory')
      const system = await runImport(h, [{ path: 'local:///etc/', destination: 'etc/' }])
      expect(system.ingested_objects).toBe(0)
      expect(await paths(h)).toEqual([])
      // Writes go to the fake store and the branch, never to where a path points on the host.
      const up = await h.request('POST', `/repositories/repo/branches/main/objects?path=${encodeURIComponent(`../../../..${host}/written.txt`)}`, { raw: 'x' })
      expect(up.status).toBe(201)
      expect((await h.control('PUT', `/objects?uri=${encodeURIComponent(`local://${host}/put.txt`)}`, { raw: 'y' })).status).toBe(201)
      expect(readdirSync(host)).toEqual(['secret.txt'])
    } finally {
      rmSync(host, { recursive: true, force: true })
    }
  })
})

describe('source buckets', () => {
  it('fails an import from a bucket that does not exist with the store listing error, and leaves the branch', async () => {
    const h = setup(world())
    const head = (await h.request('GET', '/repositories/repo/branches/main')).body.commit_id
    const s = await runImport(h, [{ path: 's3://no-such-bucket/data/', destination: 'x/' }])
    expect(s).toEqual({
      completed: false,
      update_time: new Date(T0 + 1000).toISOString(),
      ingested_objects: 0,
      error: {
        message:
          'import error: error on ingest: operation error S3: ListObjectsV2, https response error StatusCode: 404, api error NoSuchBucket: The specified bucket does not exist',
      },
    })
    expect((await h.request('GET', '/repositories/repo/branches/main')).body.commit_id).toBe(head)
  })

  it('imports nothing, and commits, from an empty bucket the scenario declares', async () => {
    const h = setup(world({ store: { buckets: ['s3://empty-bucket'] } }))
    const s = await runImport(h, [{ path: 's3://empty-bucket/', destination: 'x/' }])
    expect([s.completed, s.ingested_objects, s.error]).toEqual([true, 0, undefined])
  })

  it('imports from another prefix of the repository namespace bucket, which lakeFS knows exists', async () => {
    const h = setup(world())
    const s = await runImport(h, [{ path: 's3://bucket/never-written/', destination: 'x/' }])
    expect([s.completed, s.ingested_objects]).toEqual([true, 0])
    const gs = setup({ blockstore: { type: 'gs' }, repositories: [{ name: 'repo', storageNamespace: 'gs://ns-bucket/repo' }] })
    const missing = await runImport(gs, [{ path: 'gs://other/x/', destination: 'x/' }])
    expect(missing.error).toEqual({ message: "import error: error on ingest: storage: bucket doesn't exist" })
  })
})
