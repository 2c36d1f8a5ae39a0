/**
 * The HTTP calls the lakeFS Python SDK (lakefs, high-level wrapper) makes for the flow in the
 * README, in the order it makes them, over a real socket (supertest on @hono/node-server).
 * PyPI is not reachable here, so this replays the SDK's requests instead of running it.
 */
import { createAdaptorServer } from '@hono/node-server'
import request from 'supertest'
import { describe, expect, it } from 'vitest'
import { createApp, ManualClock } from '../../src/index.js'
import { loadScenarioFile } from '../../src/index.js'
import { QUICKSTART, T0 } from '../support/harness.js'

describe('Python SDK session', () => {
  it('creates, imports, waits, reads back, uploads and sees the change as uncommitted', async () => {
    const clock = new ManualClock(T0)
    const app = createApp({ scenarios: [loadScenarioFile('scenarios/daily-drop.json')], clock })
    const server = createAdaptorServer({ fetch: app.fetch })
    const agent = request(server)
    const sdk = (method: 'get' | 'post' | 'delete' | 'head', path: string) =>
      agent[method](`/api/v1${path}`).auth(QUICKSTART.id, QUICKSTART.secret).set('X-Lakefs-Client', 'python-lakefs')

    // client.storage_config (GET /config): the SDK reads these keys.
    const config = await sdk('get', '/config').expect(200)
    expect(config.body.storage_config).toMatchObject({ blockstore_id: '', pre_sign_support: false, blockstore_namespace_ValidityRegex: '^s3://' })
    expect(config.headers['x-content-type-options']).toBe('nosniff')

    // Repository("analytics").create(storage_namespace, default_branch)
    await sdk('post', '/repositories').send({ name: 'analytics', storage_namespace: 's3://my-bucket/repos/analytics', default_branch: 'main', sample_data: false }).expect(201)
    // repo.branch("daily").create("main")
    const created = await sdk('post', '/repositories/analytics/branches').send({ name: 'daily', source: 'main' }).expect(201)
    expect(created.headers['content-type']).toMatch(/^text\/html/)

    // branch.import_data(...).prefix(...).object(...).start()
    const start = await sdk('post', '/repositories/analytics/branches/daily/import')
      .send({
        paths: [
          { type: 'common_prefix', path: 's3://my-bucket/raw/2024/', destination: 'raw/2024/' },
          { type: 'object', path: 's3://my-bucket/raw/manifest.json', destination: 'raw/manifest.json' },
        ],
        commit: { message: 'daily drop', metadata: { source: 'airflow' }, allow_empty: false },
      })
      .expect(202)

    // .wait(): sleep, then poll until completed.
    let status
    for (;;) {
      clock.advance(2000)
      await app.emulator.settle()
      status = (await sdk('get', `/repositories/analytics/branches/daily/import?id=${start.body.id}`).expect(200)).body
      if (status.completed || status.error) break
    }
    expect(status).toMatchObject({ completed: true, ingested_objects: 6001, commit: { message: 'daily drop' } })

    // branch.get_commit() and branch.head
    const head = await sdk('get', '/repositories/analytics/commits/daily').expect(200)
    expect(head.body.id).toBe(status.commit.id)

    // branch.objects(prefix="raw/", delimiter="/")
    const ls = await sdk('get', '/repositories/analytics/refs/daily/objects/ls?prefix=raw/&delimiter=/&after=').expect(200)
    expect(ls.body.results.map((r: any) => [r.path, r.path_type])).toEqual([['raw/2024/', 'common_prefix'], ['raw/manifest.json', 'object']])

    // branch.object(p).stat() and .reader().read()
    const stat = await sdk('get', '/repositories/analytics/refs/daily/objects/stat?path=raw/manifest.json').expect(200)
    expect(stat.body.physical_address).toBe('s3://my-bucket/raw/manifest.json')
    const read = await sdk('get', '/repositories/analytics/refs/daily/objects?path=raw/manifest.json&presign=false').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => cb(null, Buffer.concat(chunks)))
    }).expect(200)
    expect(JSON.parse(read.body.toString())).toEqual({ date: '2024-01-15', parts: 3, files_per_part: 2000 })
    await sdk('head', '/repositories/analytics/refs/daily/objects?path=raw/nope').expect(404)

    // branch.object("notes.txt").upload(...) then branch.uncommitted()
    await sdk('post', '/repositories/analytics/branches/daily/objects?path=notes.txt').set('Content-Type', 'text/plain').send('checked').expect(201)
    const diff = await sdk('get', '/repositories/analytics/branches/daily/diff').expect(200)
    expect(diff.body.results).toEqual([{ type: 'added', path: 'notes.txt', path_type: 'object', size_bytes: 7 }])

    // mgr.cancel() after completion -> ConflictException (409)
    await sdk('delete', `/repositories/analytics/branches/daily/import?id=${start.body.id}`).expect(409)
    server.close()
  })
})
