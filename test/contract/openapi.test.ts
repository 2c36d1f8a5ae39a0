/**
 * The served OpenAPI document against lakeFS's own (../shared/lakefs/swagger.yml): same
 * methods, paths, operationIds and required parameters for every operation served.
 */
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/index.js'
import { LAKEFS_OPERATION_IDS } from '../../src/api/lakefs/operation-ids.js'
import { servedOperations } from '../../src/api/lakefs/operations.js'
import { lakefsSpec, SWAGGER_PATH, specAvailable } from '../support/lakefs-spec.js'

// In CI the spec must be there; a developer without ../shared gets the tests skipped, loudly.
const run = specAvailable() || process.env.CI ? describe : describe.skip
if (!specAvailable()) console.warn(`[contract] lakeFS spec not found at ${SWAGGER_PATH}`)

run('served OpenAPI document vs lakeFS api/swagger.yml', () => {
  const served = async () => (await (await createApp().request('/openapi.json')).json()) as any

  it('finds the lakeFS spec', () => {
    expect(specAvailable(), SWAGGER_PATH).toBe(true)
  })

  it('is OpenAPI 3.0 with lakeFS server base and basic auth', async () => {
    const doc = await served()
    expect(doc.openapi).toMatch(/^3\.0\./)
    expect(doc.servers).toEqual([{ url: '/api/v1' }])
    expect(doc.components.securitySchemes.basic_auth).toEqual({ type: 'http', scheme: 'basic' })
  })

  it('serves exactly the operations its route modules declare (the list fault rules are held to)', async () => {
    const doc = await served()
    const ids = Object.values<any>(doc.paths).flatMap((item) => Object.values<any>(item).map((op) => op.operationId))
    expect(ids.sort()).toEqual(LAKEFS_OPERATION_IDS)
    // Every operation lakeFS's swagger declares.
    expect(ids.length).toBe(lakefsSpec().ops.length)
    expect(ids.length).toBe(134)
  })

  it('covers the operations the journal resolves, which are read from the routes and not the document', async () => {
    const doc = await served()
    const fromDocument = Object.entries<any>(doc.paths).flatMap(([path, item]) =>
      Object.entries<any>(item).map(([method, op]) => ({ operationId: op.operationId, method: method.toUpperCase(), path, statuses: Object.keys(op.responses).filter((s) => /^\d{3}$/.test(s)).map(Number).sort((a, b) => a - b) }))
    )
    const fromRoutes = servedOperations(createApp().openAPIRegistry.definitions)
      .filter((o) => o.path.startsWith('/api/v1/'))
      .map((o) => ({ ...o, path: o.path.slice('/api/v1'.length) }))
    const byId = (a: any, b: any) => (a.operationId < b.operationId ? -1 : 1)
    expect(fromRoutes.sort(byId)).toEqual(fromDocument.sort(byId))
  })

  it('matches lakeFS method, path, operationId and required parameters for each operation', async () => {
    const doc = await served()
    const { ops } = lakefsSpec()
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        const upstream = ops.find((o) => o.operationId === op.operationId)
        expect(upstream, op.operationId).toBeDefined()
        expect([method.toUpperCase(), path], op.operationId).toEqual([upstream!.method, upstream!.path])
        const required = (params: any[]) => params.filter((p) => p.required).map((p) => `${p.in}:${p.name}`).sort()
        expect(required(op.parameters ?? []), op.operationId).toEqual(required(upstream!.parameters))
        const known = new Set(upstream!.parameters.map((p: any) => `${p.in}:${p.name}`.toLowerCase()))
        for (const p of op.parameters ?? []) expect(known.has(`${p.in}:${p.name}`.toLowerCase()), `${op.operationId} ${p.name}`).toBe(true)
        expect(Boolean(op.requestBody?.required), `${op.operationId} body required`).toBe(upstream!.requestBodyRequired)
        for (const status of Object.keys(op.responses)) {
          expect(Object.keys(upstream!.responses), `${op.operationId} declares ${status}`).toContain(status)
        }
      }
    }
  })

  it('names its schemas after lakeFS components, with the same required fields', async () => {
    const doc = await served()
    const upstream = lakefsSpec().doc.components.schemas
    for (const [name, schema] of Object.entries<any>(doc.components.schemas)) {
      expect(upstream[name], name).toBeDefined()
      expect([...(schema.required ?? [])].sort(), name).toEqual([...(upstream[name].required ?? [])].sort())
    }
  })
})
