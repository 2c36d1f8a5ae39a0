/**
 * Every lakeFS operation that needs credentials refuses a request without good ones: 401 with
 * lakeFS's body when the request is otherwise well formed (lakeFS validates first, so a malformed
 * one is a 400), never a success, and the world is left as it was.
 */
import { describe, expect, it } from 'vitest'
import { AUTH, setup } from '../support/harness.js'

const BAD_HEADERS: Record<string, string | undefined> = {
  missing: undefined,
  'wrong secret': `Basic ${Buffer.from('AKIAIOSFOLQUICKSTART:not-the-secret').toString('base64')}`,
  'unknown key': `Basic ${Buffer.from('AKIANOBODY:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY').toString('base64')}`,
  'no colon': `Basic ${Buffer.from('AKIAIOSFOLQUICKSTART').toString('base64')}`,
  'bad base64': 'Basic %%%not-base64%%%',
  'forged token': 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl',
  'other scheme': 'Token abc',
}

/** Headers no lakeFS scheme applies to (Go's Request.BasicAuth cannot read them): the caller is anonymous. */
const ANONYMOUS = new Set(['missing', 'no colon', 'bad base64', 'other scheme'])

interface Operation {
  operationId: string
  method: string
  path: string
  query: string
  hasBody: boolean
}

describe('authentication on every operation', () => {
  it('answers 401 (or a 400 for what fails validation first), never a success, and changes nothing', async () => {
    const h = setup({
      repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo' }],
      store: { objects: [{ uri: 's3://bucket/d/a', content: 'a' }] },
    })
    const doc = (await (await h.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId: string; security?: unknown[]; parameters?: { name: string; in: string; required?: boolean }[]; requestBody?: unknown }>>
    }
    const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => !(op.security && op.security.length === 0))
        .map(([method, op]) => ({
          operationId: op.operationId,
          method: method.toUpperCase(),
          path: path.replace('{repository}', 'repo').replace('{branch}', 'main').replace(/\{[^}]+\}/g, 'x'),
          query: (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=x`).join('&'),
          hasBody: op.requestBody !== undefined,
        }))
    )
    expect(operations.length).toBe(125)
    const before = JSON.stringify((await h.request('GET', '/repositories/repo/refs/main/objects/ls')).body)
    const outcomes = new Map<string, number>()
    for (const op of operations) {
      for (const [name, header] of Object.entries(BAD_HEADERS)) {
        const headers: Record<string, string> = op.hasBody ? { 'Content-Type': 'application/json' } : {}
        if (header) headers.Authorization = header
        const res = await h.app.request(`/api/v1${op.path}${op.query ? `?${op.query}` : ''}`, { method: op.method, headers, body: op.hasBody ? '{}' : undefined })
        const body = await res.text()
        if (op.operationId === 'getCurrentUser' && ANONYMOUS.has(name)) {
          // No scheme applies, so lakeFS's middleware lets the call through and the user is empty.
          expect([res.status, JSON.parse(body)]).toEqual([200, { user: { id: '', creation_date: 0 } }])
          continue
        }
        expect([400, 401], `${op.operationId} with ${name} header: ${res.status} ${body}`).toContain(res.status)
        // HEAD answers carry no body.
        if (res.status === 401 && op.method !== 'HEAD') expect(JSON.parse(body), op.operationId).toEqual({ message: 'error authenticating request' })
        outcomes.set(op.operationId, res.status)
      }
    }
    // Only operations whose `{}` body fails validation (which lakeFS checks first) stop short of authentication.
    expect([...outcomes].filter(([, s]) => s === 400).map(([id]) => id).sort()).toEqual([
      'CreateCommitRecord',
      'abortPresignMultipartUpload',
      'cherryPick',
      'commit',
      'completePresignMultipartUpload',
      'copyObject',
      'createBranch',
      'createGroup',
      'createPolicy',
      'createPullRequest',
      'createRepository',
      'createTag',
      'createUser',
      'deleteObjects',
      'deleteRepositoryMetadata',
      'getMetadataObject',
      'importStart',
      'internalCreateBranchProtectionRule',
      'internalDeleteBranchProtectionRule',
      'internalSetGarbageCollectionRules',
      'linkPhysicalAddress',
      'postStatsEvents',
      'resetBranch',
      'restoreRefs',
      'restoreSubmit',
      'revertBranch',
      'setBranchProtectionRules',
      'setGCRules',
      'setGroupACL',
      'setRepositoryMetadata',
      'stageObject',
      'updateObjectUserMetadata',
      'updatePolicy',
      'uploadPart',
      'uploadPartCopy',
    ])
    const after = await h.request('GET', '/repositories/repo/refs/main/objects/ls', { auth: AUTH })
    expect(JSON.stringify(after.body)).toBe(before)
    expect((await h.request('GET', '/repositories')).body.results.map((r: { id: string }) => r.id)).toEqual(['repo'])
  })
})

describe('credentials in the journal', () => {
  it('never appear in a journal entry, whatever request carried them', async () => {
    const secret = 'super-Secret/value+42'
    const h = setup({
      repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo' }],
      credentials: [{ user: 'ci', accessKeyId: 'AKIACUSTOM', secretAccessKey: secret }],
    })
    const good = `Basic ${Buffer.from(`AKIACUSTOM:${secret}`).toString('base64')}`
    const wrong = `Basic ${Buffer.from(`AKIACUSTOM:${secret}x`).toString('base64')}`
    expect((await h.request('GET', '/repositories/repo', { auth: good })).status).toBe(200)
    expect((await h.request('GET', '/repositories/repo', { auth: wrong })).status).toBe(401)
    expect((await h.request('POST', '/auth/login', { auth: null, body: { access_key_id: 'AKIACUSTOM', secret_access_key: secret } })).status).toBe(200)
    expect((await h.request('POST', '/auth/login', { auth: null, body: { access_key_id: 'AKIACUSTOM', secret_access_key: `${secret}x` } })).status).toBe(401)
    // A body that fails validation: its problems are noted, and must not quote the secret.
    expect((await h.request('POST', '/auth/login', { auth: null, body: { access_key_id: 7, secret_access_key: secret, extra: secret } })).status).toBe(400)

    const journal = await h.control('GET', '/journal')
    expect(journal.status).toBe(200)
    expect(journal.body.entries.length).toBe(5)
    for (const needle of [secret, encodeURIComponent(secret), good.slice(6), wrong.slice(6)]) expect(journal.text).not.toContain(needle)
  })
})
