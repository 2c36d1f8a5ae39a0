/** uploadPart, uploadPartCopy and stageObject refusing what their clients' validators would stop first. */
import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/index.js'
import { setup } from '../support/harness.js'

const world: Scenario = { repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo' }] }
const parts = '/repositories/repo/branches/main/staging/pmpu/u1/parts'

describe('uploadPart', () => {
  it('refuses a part number outside 1..10000 as kin-openapi words it', async () => {
    const h = setup(world)
    for (const [n, message] of [['0', 'number must be at least 1'], ['10001', 'number must be at most 10000'], ['x', 'value x: an invalid integer: invalid syntax']]) {
      const res = await h.request('PUT', `${parts}/${n}?path=a`, { body: { physical_address: 's3://bucket/repos/repo/data/a/b' } })
      expect([res.status, res.body]).toEqual([400, { message: `parameter "partNumber" in path has an error: ${message}` }])
    }
  })

  it('answers 501 as lakeFS does when the store endpoint cannot pre-sign (no endpoint in process)', async () => {
    const h = setup(world)
    const issued = await h.request('GET', '/repositories/repo/branches/main/staging/backing?path=a')
    const res = await h.request('PUT', `${parts}/1?path=a`, { body: { physical_address: issued.body.physical_address } })
    expect([res.status, res.body]).toEqual([501, { message: 'operation not supported' }])
  })
})

describe('uploadPartCopy', () => {
  it('refuses a range that is not bytes=<first>-<last>', async () => {
    const h = setup(world)
    const issued = await h.request('GET', '/repositories/repo/branches/main/staging/backing?path=a')
    const body = (range: string) => ({ physical_address: issued.body.physical_address, copy_source: { repository: 'repo', ref: 'main', path: 'a', range } })
    const res = await h.request('PUT', `${parts}/1/copy?path=a`, { body: body('lines=1-2') })
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(/^request body has an error: doesn't match schema: Error at "\/copy_source\/range"/)
  })
})

describe('stageObject', () => {
  it('stages nothing when the address or the branch is refused', async () => {
    const h = setup(world)
    const before = (await h.request('GET', '/repositories/repo/branches/main/diff')).body
    const res = await h.request('PUT', '/repositories/repo/branches/main/objects?path=k', { body: { physical_address: 'local://x', checksum: 'c', size_bytes: 1 } })
    expect([res.status, res.body]).toEqual([400, { message: 'physical address is not valid for block adapter: s3' }])
    expect((await h.request('GET', '/repositories/repo/branches/main/diff')).body).toEqual(before)
  })
})
