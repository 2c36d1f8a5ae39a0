/**
 * The GCS endpoint driven by Google's own Node client (@google-cloud/storage), as a pipeline uses it
 * with `apiEndpoint` (or STORAGE_EMULATOR_HOST): buckets, uploads of every kind, listings, ranged
 * downloads the client checks against X-Goog-Hash, metadata and preconditions, copy, rewrite,
 * compose, GCS's errors, fault rules; then an import of what it wrote, read back through lakeFS.
 */
import { createHash } from 'node:crypto'
import { ApiError, CRC32C, Storage } from '@google-cloud/storage'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createEmulator, type Scenario } from '../../src/index.js'
import { GCS_FRONT_DOOR_OPERATIONS } from '../../src/composition/gcs-front-door.js'
import { importToEnd, lakefsApi, readThroughGateway } from '../support/lakefs-http.js'

const WORLD: Scenario = {
  blockstore: { type: 'gs' },
  clock: { start: '2024-01-15T10:00:00Z', mode: 'manual' },
  import: { objectsPerSecond: 0, statusIntervalMs: 1000 },
  repositories: [{ name: 'repo', storageNamespace: 'gs://lake/repos/repo' }],
  faults: [{ name: 'one-busy-listing', operation: 'gcs:ListObjects', bucket: 'flaky', respond: { status: 503 }, times: 1 }],
}

const lakefs = createEmulator({ scenarios: [WORLD] })
let storage: Storage
let url: string
let gcsUrl: string
beforeAll(async () => {
  const listening = await lakefs.listen()
  url = listening.url
  gcsUrl = listening.gcs.url
  storage = new Storage({ apiEndpoint: gcsUrl, projectId: 'test-project' })
})
afterAll(() => lakefs.close())
beforeEach(() => {
  lakefs.reset()
  lakefs.journal.clear()
})
/** Operations the tests in this file drove, for the coverage check at its end. */
const exercised = new Set<string>()
afterEach(() => {
  // A cancelled session answers 499, as GCS does.
  for (const e of lakefs.journal.list()) if (e.operationId && e.status !== null && (e.status < 400 || e.status === 499)) exercised.add(e.operationId)
})

const md5 = (data: string | Buffer) => createHash('md5').update(data).digest()
const crcOf = (data: Buffer) => {
  const crc = new CRC32C()
  crc.update(data)
  return crc.toString()
}

/** The GCS error a call fails with: its HTTP code and message. */
async function failure(call: Promise<unknown>): Promise<[number, string]> {
  try {
    await call
  } catch (err) {
    if (err instanceof ApiError) return [err.code as number, err.message]
    throw err
  }
  throw new Error('expected the call to fail')
}

describe('buckets', () => {
  it('creates, lists, gets and deletes buckets, with GCS errors for the rest', async () => {
    await storage.createBucket('landing')
    await storage.createBucket('archive')
    const [buckets] = await storage.getBuckets()
    expect(buckets.map((b) => b.name)).toEqual(['archive', 'lake', 'landing']) // lake: the repository's namespace
    expect((await storage.bucket('landing').exists())[0]).toBe(true)
    expect((await storage.bucket('nowhere').exists())[0]).toBe(false)
    expect(await failure(storage.createBucket('landing'))).toEqual([409, 'Your previous request to create the named bucket succeeded and you already own it.'])
    expect(await failure(storage.createBucket('No_Such'))).toEqual([400, "Invalid bucket name: 'No_Such'"])
    await storage.bucket('landing').file('x').save('x', { resumable: false })
    expect(await failure(storage.bucket('landing').delete())).toEqual([409, 'The bucket you tried to delete is not empty.'])
    await storage.bucket('archive').delete()
    expect((await storage.getBuckets())[0].map((b) => b.name)).toEqual(['lake', 'landing'])
    expect(await failure(storage.bucket('nowhere').file('x').save('x', { resumable: false }))).toEqual([404, 'The specified bucket does not exist.'])
  })
})

describe('objects', () => {
  beforeEach(async () => {
    await storage.createBucket('landing')
  })

  it('uploads simply, in multipart and resumable form (one request or in chunks), with MD5 and CRC32C', async () => {
    const bucket = storage.bucket('landing')
    await bucket.file('day/a.csv').save('id,name\n1,Erie\n', { resumable: false, contentType: 'text/csv', metadata: { metadata: { source: 'pipeline' } } })
    const big = Buffer.alloc(700_000, 'x')
    await bucket.file('day/big.bin').save(big)
    await bucket.file('day/chunked.bin').save(big, { chunkSize: 256 * 1024 })
    const media = await fetch(`${gcsUrl}/upload/storage/v1/b/landing/o?uploadType=media&name=day%2Fraw.txt`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'raw' })
    expect(media.status).toBe(200)
    const [files] = await bucket.getFiles({ prefix: 'day/' })
    expect(files.map((f) => [f.name, f.metadata.size, f.metadata.contentType])).toEqual([
      ['day/a.csv', '15', 'text/csv'],
      ['day/big.bin', '700000', 'application/octet-stream'],
      ['day/chunked.bin', '700000', 'application/octet-stream'],
      ['day/raw.txt', '3', 'text/plain'],
    ])
    const [meta] = await bucket.file('day/a.csv').getMetadata()
    const csv = Buffer.from('id,name\n1,Erie\n')
    // The client's own CRC32C, not ours.
    expect(meta).toMatchObject({ md5Hash: md5(csv).toString('base64'), crc32c: crcOf(csv), metadata: { source: 'pipeline' }, metageneration: '1' })
    const puts = lakefs.journal.list({ operation: 'gcs:ResumeUpload' }).map((e) => e.status)
    expect(puts).toEqual([200, 308, 308, 200])
    expect((await bucket.file('day/chunked.bin').download())[0].equals(big)).toBe(true)
  })

  it('lists with prefix, delimiter, pages and offsets', async () => {
    const bucket = storage.bucket('landing')
    for (const name of ['a/1', 'a/2', 'a/sub/3', 'b/4', 'c']) await bucket.file(name).save(name, { resumable: false })
    const [, , root] = await bucket.getFiles({ delimiter: '/', autoPaginate: false })
    expect(root).toMatchObject({ prefixes: ['a/', 'b/'], items: [{ name: 'c' }] })
    const [, , inA] = await bucket.getFiles({ prefix: 'a/', delimiter: '/', autoPaginate: false })
    expect([(inA as { items: { name: string }[] }).items.map((i) => i.name), (inA as { prefixes: string[] }).prefixes]).toEqual([['a/1', 'a/2'], ['a/sub/']])
    const pages: string[][] = []
    for (let query: object | null = { autoPaginate: false, maxResults: 2 }; query; ) {
      const [files, next] = await bucket.getFiles(query)
      pages.push(files.map((f) => f.name))
      query = next as object | null
    }
    expect(pages).toEqual([['a/1', 'a/2'], ['a/sub/3', 'b/4'], ['c']])
    const [ranged] = await bucket.getFiles({ startOffset: 'a/2', endOffset: 'c' })
    expect(ranged.map((f) => f.name)).toEqual(['a/2', 'a/sub/3', 'b/4'])
  })

  it('downloads whole and by range, the client checking the hashes', async () => {
    const file = storage.bucket('landing').file('text.txt')
    await file.save('0123456789abcdef', { resumable: false })
    expect((await file.download())[0].toString()).toBe('0123456789abcdef')
    expect((await file.download({ start: 4, end: 7 }))[0].toString()).toBe('4567')
    const tail = await fetch(`${gcsUrl}/storage/v1/b/landing/o/text.txt?alt=media`, { headers: { Range: 'bytes=-3' } })
    expect([tail.status, tail.headers.get('content-range'), await tail.text()]).toEqual([206, 'bytes 13-15/16', 'def'])
    const past = await fetch(`${gcsUrl}/storage/v1/b/landing/o/text.txt?alt=media`, { headers: { Range: 'bytes=99-' } })
    expect(past.status).toBe(416)
    // The client puts a failed download's raw body in the message, as it does against GCS.
    const [code, message] = await failure(storage.bucket('landing').file('missing').download())
    expect([code, JSON.parse(message).error.message]).toEqual([404, 'No such object: landing/missing'])
  })

  it('keeps generation and metageneration, and holds writes to their preconditions', async () => {
    const file = storage.bucket('landing').file('state.json')
    await file.save('{"v":1}', { resumable: false })
    const [first] = await file.getMetadata()
    expect(await failure(file.save('{"v":2}', { resumable: false, preconditionOpts: { ifGenerationMatch: 0 } }))).toEqual([412, 'At least one of the pre-conditions you specified did not hold.'])
    expect((await file.download())[0].toString()).toBe('{"v":1}')
    const [patched] = await file.setMetadata({ metadata: { owner: 'etl' } }, { ifMetagenerationMatch: 1 })
    expect([patched.generation, patched.metageneration, patched.metadata]).toEqual([first.generation, '2', { owner: 'etl' }])
    expect(await failure(file.setMetadata({ metadata: { owner: 'other' } }, { ifMetagenerationMatch: 1 }))).toEqual([412, 'At least one of the pre-conditions you specified did not hold.'])
    await file.save('{"v":2}', { resumable: false, preconditionOpts: { ifGenerationMatch: Number(first.generation) } })
    const [second] = await file.getMetadata()
    expect(BigInt(second.generation as string) > BigInt(first.generation as string)).toBe(true)
    expect(second.metageneration).toBe('1')
    expect(await failure(file.delete({ ifGenerationMatch: Number(first.generation) }))).toEqual([412, 'At least one of the pre-conditions you specified did not hold.'])
    expect((await file.exists())[0]).toBe(true)
    await file.delete({ ifGenerationMatch: Number(second.generation) })
    expect((await file.exists())[0]).toBe(false)
  })

  it('copies, rewrites and composes; a composite has a CRC32C and a component count but no MD5', async () => {
    const bucket = storage.bucket('landing')
    await storage.createBucket('archive')
    await bucket.file('part-1').save('alpha,', { resumable: false, metadata: { metadata: { n: '1' } } })
    await bucket.file('part-2').save('beta', { resumable: false })
    await bucket.file('part-1').copy(storage.bucket('archive').file('copied'))
    expect((await storage.bucket('archive').file('copied').download())[0].toString()).toBe('alpha,')
    expect((await storage.bucket('archive').file('copied').getMetadata())[0].metadata).toEqual({ n: '1' })
    await bucket.combine(['part-1', 'part-2'], 'whole')
    const [whole] = await bucket.file('whole').getMetadata()
    expect([whole.componentCount, whole.md5Hash, whole.size]).toEqual([2, undefined, '10'])
    expect((await bucket.file('whole').download())[0].toString()).toBe('alpha,beta')
    expect(lakefs.journal.list().map((e) => e.operationId).filter((o) => /Copy|Rewrite|Compose/.test(o ?? ''))).toEqual(['gcs:RewriteObject', 'gcs:ComposeObject'])
  })

  it('answers a fault rule in GCS JSON, and the client retries it', async () => {
    // A fresh client: this one, after a write without preconditions, did not retry (seen with
    // @google-cloud/storage 7), so the retry is looked for on a client that has not written.
    await storage.createBucket('flaky')
    const [files] = await new Storage({ apiEndpoint: gcsUrl, projectId: 'test-project' }).bucket('flaky').getFiles()
    expect(files).toEqual([])
    expect(lakefs.journal.list({ operation: 'gcs:ListObjects' }).map((e) => [e.status, e.faults])).toEqual([
      [503, ['one-busy-listing']],
      [200, []],
    ])
  })
})

describe('importing what a GCS client wrote', () => {
  it('imports gs:// objects with lakeFS ETags (MD5 hex; empty for a composite) and reads them back', async () => {
    await storage.createBucket('landing')
    const bucket = storage.bucket('landing')
    await bucket.file('drop/2024-01-15/a.csv').save('id\n1\n', { resumable: false })
    await bucket.file('drop/2024-01-15/b.csv').save('id\n2\n')
    await bucket.combine(['drop/2024-01-15/a.csv', 'drop/2024-01-15/b.csv'], 'drop/2024-01-15/all.csv')
    const api = lakefsApi(url)
    await importToEnd(api, lakefs.clock.advance, 'repo', 'gs://landing/drop/', 'drop/')
    const listed = (await (await api('GET', '/repositories/repo/refs/main/objects/ls?prefix=drop/')).json()) as { results: { path: string; checksum: string; size_bytes: number; physical_address: string }[] }
    expect(listed.results.map((o) => [o.path, o.checksum, o.size_bytes, o.physical_address])).toEqual([
      ['drop/2024-01-15/a.csv', md5('id\n1\n').toString('hex'), 5, 'gs://landing/drop/2024-01-15/a.csv'],
      ['drop/2024-01-15/all.csv', '', 10, 'gs://landing/drop/2024-01-15/all.csv'],
      ['drop/2024-01-15/b.csv', md5('id\n2\n').toString('hex'), 5, 'gs://landing/drop/2024-01-15/b.csv'],
    ])
    const read = await api('GET', '/repositories/repo/refs/main/objects?path=drop/2024-01-15/all.csv')
    expect(await read.text()).toBe('id\n1\nid\n2\n')
    expect(await readThroughGateway(url, 'repo', 'main/drop/2024-01-15/b.csv')).toBe('id\n2\n')
  })
})

describe('signed URLs on a gs blockstore', () => {
  it('hands out V4 signed URLs for reads and staged writes, and checks them', async () => {
    const api = lakefsApi(url)
    const config = (await (await api('GET', '/config/storage')).json()) as { pre_sign_support: boolean; blockstore_type: string }
    expect([config.blockstore_type, config.pre_sign_support]).toEqual(['gs', true])
    const staged = (await (await api('GET', '/repositories/repo/branches/main/staging/backing?path=data/new.csv&presign=true')).json()) as { physical_address: string; presigned_url: string }
    expect(staged.presigned_url).toMatch(new RegExp(`^${gcsUrl}/lake/repos/repo/data/.+\\?X-Goog-Algorithm=GOOG4-HMAC-SHA256&`))
    const put = await fetch(staged.presigned_url, { method: 'PUT', body: 'id\n9\n' })
    // The XML API's answer: no body, the MD5 as the ETag.
    expect([put.status, put.headers.get('etag'), await put.text()]).toEqual([200, `"${md5('id\n9\n').toString('hex')}"`, ''])
    const linked = await api('PUT', '/repositories/repo/branches/main/staging/backing?path=data/new.csv', {
      staging: { physical_address: staged.physical_address },
      checksum: put.headers.get('etag')!.replaceAll('"', ''),
      size_bytes: 5,
    })
    expect(linked.status).toBe(200)
    const stat = (await (await api('GET', '/repositories/repo/refs/main/objects/stat?path=data/new.csv&presign=true')).json()) as { physical_address: string }
    expect(await (await fetch(stat.physical_address)).text()).toBe('id\n9\n')
    const tampered = stat.physical_address.replace(/X-Goog-Signature=([0-9a-f])/, (_, c: string) => `X-Goog-Signature=${c === '0' ? '1' : '0'}`)
    expect((await fetch(tampered)).status).toBe(403)
    expect((await fetch(stat.physical_address, { method: 'PUT', body: 'overwrite' })).status).toBe(403) // signed for GET
  })
})

describe('what the Node client never sends', () => {
  it('copies with copyTo and cancels a resumable session (the client copies with rewriteTo and does not cancel)', async () => {
    await storage.createBucket('landing')
    await storage.bucket('landing').file('src').save('payload', { resumable: false })
    const copied = await fetch(`${gcsUrl}/storage/v1/b/landing/o/src/copyTo/b/landing/o/dst`, { method: 'POST' })
    expect([copied.status, ((await copied.json()) as { name: string; size: string }).size]).toEqual([200, '7'])
    expect((await storage.bucket('landing').file('dst').download())[0].toString()).toBe('payload')
    const session = await fetch(`${gcsUrl}/upload/storage/v1/b/landing/o?uploadType=resumable&name=never`, { method: 'POST' })
    const location = session.headers.get('location')!
    expect((await fetch(location, { method: 'PUT', headers: { 'Content-Range': 'bytes 0-3/*' }, body: 'half' })).status).toBe(308)
    expect((await fetch(location, { method: 'DELETE' })).status).toBe(499)
    expect((await fetch(location, { method: 'PUT', headers: { 'Content-Range': 'bytes */4' } })).status).toBe(404)
    expect((await storage.bucket('landing').file('never').exists())[0]).toBe(false)
  })
})

it('drove every operation of the GCS endpoint (runs last)', () => {
  expect(GCS_FRONT_DOOR_OPERATIONS.map((o) => o.operationId).filter((id) => !exercised.has(id))).toEqual([])
})

