import { afterEach, expect, it, test as base } from 'vitest'
import { lakefsFixtures, startEmulator, type LakefsContext, type RunningEmulator } from '../../src/index.js'

const started: RunningEmulator[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.close()))
})

it('serves a shipped scenario by name on free ports, with endpoints, credentials and an in-process fetch', async () => {
  const lakefs = await startEmulator({ scenario: ['daily-drop', { version: 1, repositories: [{ name: 'extra', storageNamespace: 's3://my-bucket/repos/extra' }] }] })
  started.push(lakefs)
  expect(lakefs.endpoint).toBe(`${lakefs.url}/api/v1`)
  expect(lakefs.credentials).toEqual({ accessKeyId: 'AKIAIOSFOLQUICKSTART', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' })
  const overSocket = await fetch(`${lakefs.endpoint}/repositories`, { headers: { Authorization: lakefs.authorization } })
  expect(((await overSocket.json()) as { results: { id: string }[] }).results.map((r) => r.id)).toEqual(['extra', 'my-repo'])
  const inProcess = await lakefs.fetch('/api/v1/repositories/my-repo/branches', { headers: { Authorization: lakefs.authorization } })
  expect(inProcess.status).toBe(200)
  expect(((await inProcess.json()) as { results: { id: string }[] }).results.map((r) => r.id)).toEqual(['ingestion', 'main'])
  expect((await lakefs.fetch(`${lakefs.endpoint}/repositories`)).status).toBe(401)
  expect((await fetch(`${lakefs.s3Endpoint}/`)).status).toBe(403) // the store's endpoint, unsigned
})

it('uses the credentials it is given, and names an unknown scenario', async () => {
  const lakefs = await startEmulator({ credentials: [{ accessKeyId: 'AKIDEXAMPLE0000001', secretAccessKey: 'a-secret-of-forty-characters-0123456789' }] })
  started.push(lakefs)
  expect(lakefs.authorization).toBe(`Basic ${Buffer.from('AKIDEXAMPLE0000001:a-secret-of-forty-characters-0123456789').toString('base64')}`)
  expect((await lakefs.fetch('/api/v1/repositories', { headers: { Authorization: lakefs.authorization } })).status).toBe(200)
  await expect(startEmulator({ scenario: 'daily-drops' })).rejects.toThrow(/daily-drops/)
})

const test = base.extend<LakefsContext>(lakefsFixtures({ scenario: 'daily-drop' }))
let first: RunningEmulator | undefined

test('the fixture is one emulator per file ...', async ({ lakefs }) => {
  first = lakefs
  const res = await lakefs.fetch('/api/v1/repositories/my-repo/branches/ingestion', { method: 'DELETE', headers: { Authorization: lakefs.authorization } })
  expect(res.status).toBe(204)
  expect(lakefs.journal.list().map((e) => e.operationId)).toEqual(['deleteBranch'])
})

test('... reset before each test that uses it', async ({ lakefs }) => {
  expect(lakefs).toBe(first)
  expect(lakefs.journal.list()).toEqual([])
  const branches = await lakefs.fetch('/api/v1/repositories/my-repo/branches', { headers: { Authorization: lakefs.authorization } })
  expect(((await branches.json()) as { results: { id: string }[] }).results.map((r) => r.id)).toEqual(['ingestion', 'main'])
})
