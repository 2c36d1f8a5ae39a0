/**
 * Key length and import-path limits: a 400 with lakeFS's error body naming the field, the limit and
 * its flag; nothing written; the next request served.
 */
import { describe, expect, it } from 'vitest'
import { importBody, setup } from '../support/harness.js'

const world = {
  store: { generate: [{ prefix: 's3://bucket/data/', keys: ['f{1..3}'], size: 10 }] },
  repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo' }],
}
const octets = { 'Content-Type': 'application/octet-stream' }
const upload = (key: string) => `/repositories/repo/branches/main/objects?path=${encodeURIComponent(key)}`

describe('key length limit', () => {
  it('holds keys to 4,096 UTF-8 bytes by default, on writes and reads alike', async () => {
    const h = setup(world)
    const atLimit = 'é'.repeat(2048) // 4,096 bytes in 2,048 characters
    expect((await h.request('POST', upload(atLimit), { raw: 'x', headers: octets })).status).toBe(201)

    const over = `${atLimit}a`
    const refused = await h.request('POST', upload(over), { raw: 'x', headers: octets })
    expect(refused.status).toBe(400)
    expect(refused.body).toEqual({ message: 'path is too long: 4097 bytes, the limit is 4096 (--max-key-bytes)' })
    const stat = await h.request('GET', `/repositories/repo/refs/main/objects/stat?path=${encodeURIComponent(over)}`)
    expect(stat.body.message).toBe('path is too long: 4097 bytes, the limit is 4096 (--max-key-bytes)')

    const listed = await h.request('GET', '/repositories/repo/refs/main/objects/ls')
    expect(listed.body.results.map((r: { path: string }) => r.path)).toEqual([atLimit])
  })

  it('checks every key-bearing query parameter: prefix, after, dest_path', async () => {
    const h = setup(world, { limits: { keyBytes: 10 } })
    const long = 'k'.repeat(11)
    const cases = [
      ['GET', `/repositories/repo/refs/main/objects/ls?prefix=${long}`, 'prefix'],
      ['GET', `/repositories/repo/refs/main/objects/ls?after=${long}`, 'after'],
      ['GET', `/repositories/repo/branches/main/diff?prefix=${long}`, 'prefix'],
    ] as const
    for (const [method, path, name] of cases) {
      const res = await h.request(method, path)
      expect(res.body, path).toEqual({ message: `${name} is too long: 11 bytes, the limit is 10 (--max-key-bytes)` })
    }
    await h.request('POST', upload('a'), { raw: 'x', headers: octets })
    const copy = await h.request('POST', `/repositories/repo/branches/main/objects/copy?dest_path=${long}`, {
      body: { src_path: 'a' },
    })
    expect(copy.body).toEqual({ message: 'dest_path is too long: 11 bytes, the limit is 10 (--max-key-bytes)' })
    const listed = await h.request('GET', '/repositories/repo/refs/main/objects/ls')
    expect(listed.body.results.map((r: { path: string }) => r.path)).toEqual(['a'])
  })

  it('checks keys in JSON bodies and names the field', async () => {
    const h = setup(world, { limits: { keyBytes: 10 } })
    const long = 'k'.repeat(11)
    const head = (await h.request('GET', '/repositories/repo/branches/main')).body.commit_id

    const imported = await h.request('POST', '/repositories/repo/branches/main/import', {
      body: importBody([
        { path: 's3://b/', destination: 'in/' },
        { path: 's3://b/', destination: long },
      ]),
    })
    expect(imported.body).toEqual({ message: 'paths[1].destination is too long: 11 bytes, the limit is 10 (--max-key-bytes)' })
    const source = await h.request('POST', '/repositories/repo/branches/main/import', {
      body: importBody([{ path: `s3://bucket/${long}`, destination: '' }]),
    })
    expect(source.body.message).toBe('paths[0].path is too long: 23 bytes, the limit is 10 (--max-key-bytes)')
    expect(h.emulator.imports.list()).toEqual([])

    const deleted = await h.request('POST', '/repositories/repo/branches/main/objects/delete', { body: { paths: ['a', long] } })
    expect(deleted.body).toEqual({ message: 'paths[1] is too long: 11 bytes, the limit is 10 (--max-key-bytes)' })
    const copied = await h.request('POST', '/repositories/repo/branches/main/objects/copy?dest_path=b', { body: { src_path: long } })
    expect(copied.body).toEqual({ message: 'src_path is too long: 11 bytes, the limit is 10 (--max-key-bytes)' })
    const reset = await h.request('PUT', '/repositories/repo/branches/main', { body: { type: 'object', path: long } })
    expect(reset.body).toEqual({ message: 'path is too long: 11 bytes, the limit is 10 (--max-key-bytes)' })

    expect((await h.request('GET', '/repositories/repo/branches/main')).body.commit_id).toBe(head)
  })

  it('leaves a body that does not parse to the validator, as before', async () => {
    const h = setup(world, { limits: { keyBytes: 10 } })
    const res = await h.request('POST', '/repositories/repo/branches/main/import', { body: `{"paths": [${'"x",'.repeat(10)}` })
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(/^request body has an error: failed to decode request body/)
  })
})

describe('import paths limit', () => {
  it('refuses more paths than the limit, and starts nothing', async () => {
    const h = setup(world, { limits: { importPaths: 2 } })
    const path = { path: 's3://bucket/data/', destination: 'in/' }
    const three = await h.request('POST', '/repositories/repo/branches/main/import', { body: importBody([path, path, path]) })
    expect(three.status).toBe(400)
    expect(three.body).toEqual({ message: 'too many import paths: 3, the limit is 2 (--max-import-paths)' })
    expect(h.emulator.imports.list()).toEqual([])
    const two = await h.request('POST', '/repositories/repo/branches/main/import', { body: importBody([path, path]) })
    expect(two.status).toBe(202)
  })

  it('records the refusal in the journal with its reason', async () => {
    const h = setup(world, { limits: { importPaths: 1 } })
    const path = { path: 's3://bucket/data/', destination: 'in/' }
    await h.request('POST', '/repositories/repo/branches/main/import', { body: importBody([path, path]) })
    const [entry] = h.app.journal.list({ operation: 'importStart' })
    expect(entry).toMatchObject({ status: 400, problems: ['too many import paths: 2, the limit is 1 (--max-import-paths)'] })
  })
})
