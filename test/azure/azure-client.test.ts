/**
 * The Azure Blob endpoint driven by Microsoft's own client (@azure/storage-blob) with Azurite's
 * development account, as a pipeline uses it with `UseDevelopmentStorage=true`-style connection
 * strings: containers, block blobs small and staged, listings, ranges, properties and metadata,
 * copies, conditions, Shared Key and SAS checked for real, the strict API-version bad day, fault
 * rules; then an import of what it wrote, read back through lakeFS and its S3 gateway.
 */
import { createHash } from 'node:crypto'
import {
  BlobSASPermissions,
  BlobServiceClient,
  ContainerClient,
  generateBlobSASQueryParameters,
  RestError,
  StorageSharedKeyCredential,
} from '@azure/storage-blob'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AZURE_FRONT_DOOR_OPERATIONS } from '../../src/composition/azure-front-door.js'
import { createEmulator, type Scenario } from '../../src/index.js'
import { importToEnd, lakefsApi, readThroughGateway } from '../support/lakefs-http.js'

const ACCOUNT = 'devstoreaccount1'
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
const WORLD: Scenario = {
  blockstore: { type: 'azure' },
  clock: { start: '2024-01-15T10:00:00Z', mode: 'manual' },
  import: { objectsPerSecond: 0, statusIntervalMs: 1000 },
  repositories: [{ name: 'repo', storageNamespace: `https://${ACCOUNT}.blob.core.windows.net/lake/repos/repo` }],
  faults: [{ name: 'busy-once', operation: 'azure:GetBlob', bucket: 'flaky', respond: { status: 503 }, times: 1 }],
}

const lakefs = createEmulator({ scenarios: [WORLD] })
let url: string
let blobEndpoint: string
let service: BlobServiceClient
const connection = (endpoint: string, key = KEY) => `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${key};BlobEndpoint=${endpoint};`
beforeAll(async () => {
  const listening = await lakefs.listen()
  url = listening.url
  blobEndpoint = `${listening.azure.url}/${ACCOUNT}`
  service = BlobServiceClient.fromConnectionString(connection(blobEndpoint))
})
afterAll(() => lakefs.close())
beforeEach(() => {
  lakefs.reset()
  lakefs.journal.clear()
})
const exercised = new Set<string>()
afterEach(() => {
  for (const e of lakefs.journal.list()) if (e.operationId && e.status !== null && e.status < 400) exercised.add(e.operationId)
})

/** The Azure error a call fails with: status and x-ms-error-code. */
async function failure(call: Promise<unknown>): Promise<[number | undefined, string | undefined]> {
  try {
    await call
  } catch (err) {
    if (err instanceof RestError) return [err.statusCode, err.code]
    throw err
  }
  throw new Error('expected the call to fail')
}

describe('containers', () => {
  it('creates, lists with metadata, reads properties of and deletes containers (with their blobs)', async () => {
    await service.getContainerClient('landing').create({ metadata: { team: 'data' } })
    await service.getContainerClient('archive').create()
    const names: string[] = []
    for await (const c of service.listContainers({ includeMetadata: true })) names.push(`${c.name}:${JSON.stringify(c.metadata ?? {})}`)
    expect(names).toEqual(['archive:{}', 'lake:{}', 'landing:{"team":"data"}']) // lake: the repository's namespace
    expect((await service.getContainerClient('landing').getProperties()).metadata).toEqual({ team: 'data' })
    expect((await service.getAccountInfo()).accountKind).toBe('StorageV2')
    expect(await failure(service.getContainerClient('landing').create())).toEqual([409, 'ContainerAlreadyExists'])
    expect(await failure(service.getContainerClient('Bad_Name').create())).toEqual([400, 'InvalidResourceName'])
    await service.getContainerClient('archive').getBlockBlobClient('old.txt').upload('old', 3)
    await service.getContainerClient('archive').delete()
    expect(await service.getContainerClient('archive').exists()).toBe(false)
    expect(await failure(service.getContainerClient('archive').getBlockBlobClient('old.txt').download())).toEqual([404, 'ContainerNotFound'])
  })
})

describe('blobs', () => {
  let container: ContainerClient
  beforeEach(async () => {
    container = service.getContainerClient('landing')
    await container.create()
  })

  it('uploads in one shot and in staged blocks, lists flat and by hierarchy with markers, downloads ranges', async () => {
    await container.getBlockBlobClient('day/a.csv').upload('id\n1\n', 5, { blobHTTPHeaders: { blobContentType: 'text/csv' }, metadata: { source: 'pipeline' } })
    const big = Buffer.alloc(9 * 1024 * 1024, 'x')
    await container.getBlockBlobClient('day/big.bin').uploadData(big, { blockSize: 4 * 1024 * 1024, maxSingleShotSize: 1024 * 1024 })
    for (const name of ['day/sub/b', 'day/sub/c', 'top.txt']) await container.getBlockBlobClient(name).upload(name, name.length)
    expect(lakefs.journal.list({ operation: 'azure:PutBlock' })).toHaveLength(3)
    const flat: string[] = []
    for await (const b of container.listBlobsFlat({ includeMetadata: true })) flat.push(`${b.name}:${b.properties.contentLength}:${JSON.stringify(b.metadata ?? {})}`)
    expect(flat).toEqual(['day/a.csv:5:{"source":"pipeline"}', `day/big.bin:${big.length}:{}`, 'day/sub/b:9:{}', 'day/sub/c:9:{}', 'top.txt:7:{}'])
    const level: string[] = []
    for await (const item of container.listBlobsByHierarchy('/', { prefix: 'day/' })) level.push(item.kind === 'prefix' ? `prefix ${item.name}` : item.name)
    expect(level).toEqual(['prefix day/sub/', 'day/a.csv', 'day/big.bin']) // the client yields a page's prefixes first
    const pages: string[][] = []
    for await (const page of container.listBlobsFlat().byPage({ maxPageSize: 2 })) pages.push(page.segment.blobItems.map((b) => b.name))
    expect(pages).toEqual([['day/a.csv', 'day/big.bin'], ['day/sub/b', 'day/sub/c'], ['top.txt']])
    expect((await container.getBlobClient('day/big.bin').downloadToBuffer()).equals(big)).toBe(true)
    expect((await container.getBlobClient('day/a.csv').downloadToBuffer(1, 2)).toString()).toBe('d\n')
    const props = await container.getBlobClient('day/a.csv').getProperties()
    expect([props.contentType, props.contentLength, props.metadata, props.blobType, Buffer.from(props.contentMD5!).toString('hex')]).toEqual(['text/csv', 5, { source: 'pipeline' }, 'BlockBlob', createHash('md5').update('id\n1\n').digest('hex')])
  })

  it('sets properties and metadata (a new ETag each time), copies, deletes, and holds writes to their conditions', async () => {
    const blob = container.getBlockBlobClient('state.json')
    const first = await blob.upload('{"v":1}', 7)
    await blob.setMetadata({ owner: 'etl' })
    await blob.setHTTPHeaders({ blobContentType: 'application/json' })
    const props = await blob.getProperties()
    expect([props.metadata, props.contentType, props.etag === first.etag]).toEqual([{ owner: 'etl' }, 'application/json', false])
    expect(await failure(blob.upload('{"v":2}', 7, { conditions: { ifNoneMatch: '*' } }))).toEqual([409, 'BlobAlreadyExists'])
    expect(await failure(blob.upload('{"v":2}', 7, { conditions: { ifMatch: first.etag } }))).toEqual([412, 'ConditionNotMet'])
    expect((await blob.downloadToBuffer()).toString()).toBe('{"v":1}')
    const copy = await container.getBlobClient('copy.json').beginCopyFromURL(blob.url)
    expect((await copy.pollUntilDone()).copyStatus).toBe('success')
    expect((await container.getBlobClient('copy.json').downloadToBuffer()).toString()).toBe('{"v":1}')
    await blob.delete()
    expect(await blob.exists()).toBe(false)
    expect(await failure(blob.delete())).toEqual([404, 'BlobNotFound'])
  })
})

describe('authentication', () => {
  it('refuses a wrong key and an unsigned request, and stores nothing', async () => {
    await service.getContainerClient('landing').create()
    const forged = BlobServiceClient.fromConnectionString(connection(blobEndpoint, Buffer.alloc(64, 1).toString('base64')))
    expect(await failure(forged.getContainerClient('landing').getBlockBlobClient('x').upload('x', 1))).toEqual([403, 'AuthenticationFailed'])
    const anonymous = new ContainerClient(`${blobEndpoint}/landing`)
    expect(await failure(anonymous.getBlockBlobClient('x').upload('x', 1))).toEqual([403, 'NoAuthenticationInformation'])
    expect(await service.getContainerClient('landing').getBlobClient('x').exists()).toBe(false)
  })

  it('takes a SAS for what it allows, until it expires', async () => {
    const landing = service.getContainerClient('landing')
    await landing.create()
    await landing.getBlockBlobClient('report.csv').upload('a,b', 3)
    const credential = new StorageSharedKeyCredential(ACCOUNT, KEY)
    const sas = (permissions: string, expiresOn: Date) =>
      generateBlobSASQueryParameters({ containerName: 'landing', blobName: 'report.csv', permissions: BlobSASPermissions.parse(permissions), startsOn: new Date(Date.now() - 60_000), expiresOn }, credential).toString()
    const readOnly = new ContainerClient(`${blobEndpoint}/landing?${sas('r', new Date(Date.now() + 3_600_000))}`)
    expect((await readOnly.getBlobClient('report.csv').downloadToBuffer()).toString()).toBe('a,b')
    expect(await failure(readOnly.getBlockBlobClient('report.csv').upload('changed', 7))).toEqual([403, 'AuthorizationPermissionMismatch'])
    const expired = new ContainerClient(`${blobEndpoint}/landing?${sas('r', new Date(Date.now() - 1000))}`)
    expect(await failure(expired.getBlobClient('report.csv').download())).toEqual([403, 'AuthenticationFailed'])
    const tampered = sas('r', new Date(Date.now() + 3_600_000)).replace('sp=r', 'sp=rw')
    expect(await failure(new ContainerClient(`${blobEndpoint}/landing?${tampered}`).getBlockBlobClient('report.csv').upload('changed', 7))).toEqual([403, 'AuthenticationFailed'])
    expect((await landing.getBlobClient('report.csv').downloadToBuffer()).toString()).toBe('a,b')
  })
})

describe('bad days', () => {
  it('refuses a newer x-ms-version when the scenario asks, with Azurite\'s message, and accepts every version otherwise', async () => {
    lakefs.loadScenario({ ...WORLD, azure: { maxApiVersion: '2021-10-04' } })
    const [status, code] = await failure(service.getContainerClient('landing').create())
    expect([status, code]).toEqual([400, 'InvalidHeaderValue'])
    lakefs.loadScenario(WORLD)
    await service.getContainerClient('landing').create()
  })

  it('answers a fault rule in Azure XML, and the client retries it', async () => {
    const flaky = service.getContainerClient('flaky')
    await flaky.create()
    await flaky.getBlockBlobClient('x').upload('x', 1)
    expect((await flaky.getBlobClient('x').downloadToBuffer()).toString()).toBe('x')
    expect(lakefs.journal.list({ operation: 'azure:GetBlob' }).map((e) => [e.status, e.faults])).toEqual([
      [503, ['busy-once']],
      [206, []],
    ])
  })
})

describe('importing what an Azure client wrote', () => {
  it('imports https://<account>.blob.core.windows.net/<container>/<prefix> with the blobs\' ETags, and reads them back', async () => {
    const landing = service.getContainerClient('landing')
    await landing.create()
    const a = await landing.getBlockBlobClient('drop/2024-01-15/a.csv').upload('id\n1\n', 5)
    await landing.getBlockBlobClient('drop/2024-01-15/b.csv').uploadData(Buffer.from('id\n2\n'), { blockSize: 2, maxSingleShotSize: 1 })
    const api = lakefsApi(url)
    const source = `https://${ACCOUNT}.blob.core.windows.net/landing/drop/`
    await importToEnd(api, lakefs.clock.advance, 'repo', source, 'drop/')
    const listed = (await (await api('GET', '/repositories/repo/refs/main/objects/ls?prefix=drop/')).json()) as { results: { path: string; checksum: string; size_bytes: number; physical_address: string }[] }
    expect(listed.results.map((o) => [o.path, o.checksum, o.size_bytes, o.physical_address])).toEqual([
      ['drop/2024-01-15/a.csv', a.etag!.replaceAll('"', ''), 5, `${source}2024-01-15/a.csv`],
      ['drop/2024-01-15/b.csv', expect.stringMatching(/^0x8D[0-9A-F]{13}$/), 5, `${source}2024-01-15/b.csv`],
    ])
    expect(await (await api('GET', '/repositories/repo/refs/main/objects?path=drop/2024-01-15/b.csv')).text()).toBe('id\n2\n')
    expect(await readThroughGateway(url, 'repo', 'main/drop/2024-01-15/a.csv')).toBe('id\n1\n')
  })
})

describe('pre-signed URLs on an azure blockstore', () => {
  it('hands out SAS URLs for reads and staged writes, as lakeFS\'s Azure adapter does', async () => {
    const api = lakefsApi(url)
    const config = (await (await api('GET', '/config/storage')).json()) as { pre_sign_support: boolean; blockstore_type: string }
    expect([config.blockstore_type, config.pre_sign_support]).toEqual(['azure', true])
    // A staged write: the address, a SAS to PUT it (Azure wants x-ms-blob-type), then the link.
    const staged = (await (await api('GET', '/repositories/repo/branches/main/staging/backing?path=data/new.csv&presign=true')).json()) as { physical_address: string; presigned_url: string }
    expect(staged.presigned_url).toMatch(new RegExp(`^${blobEndpoint}/lake/repos/repo/data/[\\w-]+/[\\w-]+\\?.*sp=cw.*&sig=`))
    const put = await fetch(staged.presigned_url, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'id\n9\n' })
    expect(put.status).toBe(201)
    const linked = await api('PUT', '/repositories/repo/branches/main/staging/backing?path=data/new.csv', { staging: { physical_address: staged.physical_address }, checksum: put.headers.get('etag')!.replaceAll('"', ''), size_bytes: 5 })
    expect(linked.status).toBe(200)
    const stat = (await (await api('GET', '/repositories/repo/refs/main/objects/stat?path=data/new.csv&presign=true')).json()) as { physical_address: string }
    expect(stat.physical_address).toMatch(/sp=r&/)
    expect(await (await fetch(stat.physical_address)).text()).toBe('id\n9\n')
    const denied = await fetch(stat.physical_address, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'overwrite' })
    expect([denied.status, denied.headers.get('x-ms-error-code')]).toEqual([403, 'AuthorizationPermissionMismatch'])
    const multipart = await api('POST', '/repositories/repo/branches/main/staging/pmpu?path=big.bin&parts=2')
    expect([multipart.status, ((await multipart.json()) as { message: string }).message]).toEqual([501, 'operation not supported'])
  })
})

it('drove every operation of the Azure endpoint (runs last)', () => {
  expect(AZURE_FRONT_DOOR_OPERATIONS.map((o) => o.operationId).filter((op) => !exercised.has(op))).toEqual([])
})
