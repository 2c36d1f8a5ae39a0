/**
 * The lakeFS documentation's Python walk-through, as the SDK's HTTP calls over a real socket:
 * create a repository, list and create branches, upload, diff the branch, commit with metadata,
 * diff two refs, merge, and diff again (empty).
 */
import { createAdaptorServer } from '@hono/node-server'
import request from 'supertest'
import { describe, expect, it } from 'vitest'
import { createApp, ManualClock } from '../../src/index.js'
import { QUICKSTART, T0 } from '../support/harness.js'

describe('lakeFS Python walk-through over HTTP', () => {
  it('runs from an empty installation to a merged, clean main', async () => {
    const clock = new ManualClock(T0)
    const server = createAdaptorServer({ fetch: createApp({ clock }).fetch })
    const sdk = (method: 'get' | 'post' | 'put' | 'delete', path: string) =>
      request(server)[method](`/api/v1${path}`).auth(QUICKSTART.id, QUICKSTART.secret).set('X-Lakefs-Client', 'python-lakefs')

    // repo = lakefs.repository("example-repo").create(storage_namespace="s3://storage-bucket/repos/example-repo")
    const repo = await sdk('post', '/repositories').send({ name: 'example-repo', storage_namespace: 's3://storage-bucket/repos/example-repo', default_branch: 'main', sample_data: false }).expect(201)
    expect(repo.body).toEqual({ id: 'example-repo', creation_date: T0 / 1000, default_branch: 'main', storage_id: '', storage_namespace: 's3://storage-bucket/repos/example-repo', read_only: false })

    // for branch in repo.branches(): ...
    const branches = await sdk('get', '/repositories/example-repo/branches').expect(200)
    expect(branches.body.results.map((b: any) => b.id)).toEqual(['main'])

    // branch1 = repo.branch("experiment1").create(source_reference="main")
    await sdk('post', '/repositories/example-repo/branches').send({ name: 'experiment1', source: 'main' }).expect(201)
    const listed = await sdk('get', '/repositories/example-repo/branches').expect(200)
    expect(listed.body.results.map((b: any) => b.id)).toEqual(['experiment1', 'main'])

    // obj = branch1.object(path="text/sample_data.txt").upload(content_type="text/plain", data="Hello from lakeFS")
    const uploaded = await sdk('post', '/repositories/example-repo/branches/experiment1/objects?path=text/sample_data.txt')
      .set('Content-Type', 'text/plain')
      .send('Hello from lakeFS')
      .expect(201)
    expect([uploaded.body.size_bytes, uploaded.body.content_type]).toEqual([17, 'text/plain'])

    // for diff in branch1.uncommitted(): ...
    const uncommitted = await sdk('get', '/repositories/example-repo/branches/experiment1/diff').expect(200)
    expect(uncommitted.body.results).toEqual([{ type: 'added', path: 'text/sample_data.txt', path_type: 'object', size_bytes: 17 }])

    // ref = branch1.commit(message='Add some data!', metadata={'using': 'python_sdk'})
    clock.advance(60_000)
    const committed = await sdk('post', '/repositories/example-repo/branches/experiment1/commits').send({ message: 'Add some data!', metadata: { using: 'python_sdk' } }).expect(201)
    expect(committed.body).toMatchObject({ message: 'Add some data!', metadata: { using: 'python_sdk' }, committer: 'quickstart', creation_date: T0 / 1000 + 60, generation: 2 })

    // for diff in repo.ref("main").diff(other_ref=branch1): ...
    const diff = await sdk('get', '/repositories/example-repo/refs/main/diff/experiment1?amount=100').expect(200)
    expect(diff.body.results).toEqual([{ type: 'added', path: 'text/sample_data.txt', path_type: 'object', size_bytes: 17 }])

    // res = branch1.merge_into(main)
    const merged = await sdk('post', '/repositories/example-repo/refs/experiment1/merge/main').send({}).expect(200)
    expect(merged.body.reference).toMatch(/^[0-9a-f]{64}$/)
    const main = await sdk('get', '/repositories/example-repo/branches/main').expect(200)
    expect(main.body.commit_id).toBe(merged.body.reference)

    // Diff again: nothing left between main and the branch.
    const after = await sdk('get', '/repositories/example-repo/refs/main/diff/experiment1').expect(200)
    expect(after.body).toEqual({ pagination: { has_more: false, next_offset: '', results: 0, max_per_page: 1000 }, results: [] })
    const read = await sdk('get', '/repositories/example-repo/refs/main/objects?path=text/sample_data.txt').buffer(true).parse((res, cb) => {
      let data = ''
      res.on('data', (c: Buffer) => (data += c))
      res.on('end', () => cb(null, data))
    })
    expect(read.body).toBe('Hello from lakeFS')
  })
})
