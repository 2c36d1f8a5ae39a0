/**
 * Every served operation reads its parameters as lakeFS's Go server does (kin-openapi, then
 * oapi-codegen's binding). Driven by the served OpenAPI document, so an operation added later is
 * covered by the same tables: each boolean query parameter takes every spelling strconv.ParseBool
 * takes and refuses the rest, each integer one strconv.ParseInt's, and every operation with an
 * optional JSON body accepts an empty one.
 */
import { describe, expect, it } from 'vitest'
import { parseGoBool, parseGoInt, parseGoTime } from '../../src/api/lakefs/query-params.js'
import { AUTH, setup } from '../support/harness.js'

const GO_TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True']
const GO_FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False']
const NOT_BOOL = ['yes', 'tRUE', 'on', '', ' true', '2']
const GO_INT = ['5', '+5', '007', '-1', '0']
const NOT_INT = ['1.0', '0x10', '1e2', ' 5', '', '5_0', '9223372036854775808', 'ten']

interface Param {
  name: string
  in: string
  required?: boolean
  schema?: { type?: string; minimum?: number; maximum?: number }
}
interface Operation {
  operationId: string
  method: string
  path: string
  parameters: Param[]
  body?: { required?: boolean; content: Record<string, unknown> }
}

const world = {
  repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo' }],
  store: { objects: [{ uri: 's3://bucket/data/a', content: 'a' }] },
}

async function servedOperations(): Promise<Operation[]> {
  const doc = (await (await setup(world).app.request('/openapi.json')).json()) as {
    paths: Record<string, Record<string, { operationId: string; parameters?: Param[]; requestBody?: Operation['body'] }>>
  }
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ operationId: op.operationId, method: method.toUpperCase(), path, parameters: op.parameters ?? [], body: op.requestBody }))
  )
}

/** A request for `op` that is valid but for the parameter under test. */
function url(op: Operation, name: string, value: string): string {
  const path = op.path.replace('{repository}', 'repo').replace(/\{(branch|ref|sourceRef|destinationBranch|leftRef|rightRef)\}/g, 'main').replace(/\{[^}]+\}/g, 'x')
  const query = new URLSearchParams()
  for (const p of op.parameters) if (p.in === 'query' && p.required && p.name !== name) query.set(p.name, 'x')
  query.set(name, value)
  return `/api/v1${path}?${query}`
}

async function call(op: Operation, name: string, value: string) {
  const h = setup(world)
  const hasBody = op.body !== undefined && op.operationId !== 'uploadObject'
  const res = await h.app.request(url(op, name, value), {
    method: op.method,
    headers: { Authorization: AUTH, ...(hasBody ? { 'Content-Type': 'application/json' } : {}) },
    body: hasBody ? '{}' : op.operationId === 'uploadObject' ? 'x' : undefined,
  })
  return { status: res.status, message: op.method === 'HEAD' ? '' : ((await res.json().catch(() => ({}))) as { message?: string }).message ?? '' }
}

const ops = await servedOperations()
const paramsOfType = (type: string) =>
  ops.flatMap((op) => op.parameters.filter((p) => p.in === 'query' && p.schema?.type === type).map((p) => [op.operationId, p.name, op] as const))

describe('boolean query parameters', () => {
  const cases = paramsOfType('boolean')
  it('exist on the operations lakeFS declares them on', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15)
  })
  it.each(cases)('%s ?%s= takes every strconv.ParseBool spelling and refuses the rest', async (_id, name, op) => {
    for (const value of [...GO_TRUE, ...GO_FALSE]) {
      const res = await call(op, name, value)
      expect(res.message, `${name}=${value}`).not.toContain(`parameter "${name}"`)
    }
    for (const value of NOT_BOOL) {
      const res = await call(op, name, value)
      expect([res.status, res.message], `${name}=${JSON.stringify(value)}`).toEqual([400, op.method === 'HEAD' ? '' : `parameter "${name}" in query has an error: value ${value}: an invalid boolean: invalid syntax`])
    }
  })
})

describe('integer query parameters', () => {
  const cases = paramsOfType('integer')
  it.each(cases)('%s ?%s= takes what strconv.ParseInt takes and refuses the rest', async (_id, name, op) => {
    for (const value of GO_INT) {
      const res = await call(op, name, value)
      expect(res.message, `${name}=${value}`).not.toContain(`parameter "${name}"`)
    }
    for (const value of NOT_INT) {
      const res = await call(op, name, value)
      expect([res.status, res.message], `${name}=${JSON.stringify(value)}`).toEqual([400, `parameter "${name}" in query has an error: value ${value}: an invalid integer: invalid syntax`])
    }
    const maximum = op.parameters.find((p) => p.name === name)?.schema?.maximum
    if (maximum === undefined) return
    const over = await call(op, name, String(maximum + 1))
    expect([over.status, over.message]).toEqual([400, `parameter "${name}" in query has an error: number must be at most ${maximum}`])
  })
})

describe('optional and required JSON bodies', () => {
  const bodied = ops.filter((op) => op.body?.content['application/json'])
  it.each(bodied.map((op) => [op.operationId, op] as const))('%s reads an empty body as no body', async (_id, op) => {
    const h = setup(world)
    const query = op.parameters.filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=x`).join('&')
    const path = op.path.replace('{repository}', 'repo').replace(/\{(branch|ref|sourceRef|destinationBranch)\}/g, 'main').replace('{partNumber}', '1').replace(/\{[^}]+\}/g, 'x')
    const res = await h.app.request(`/api/v1${path}${query ? `?${query}` : ''}`, {
      method: op.method,
      headers: { Authorization: AUTH, 'Content-Type': 'application/json', 'Content-Length': '0' },
    })
    const body = (await res.json().catch(() => ({}))) as { message?: string }
    if (op.body!.required) expect([res.status, body.message]).toEqual([400, 'request body has an error: value is required but missing'])
    else expect(body.message ?? '').not.toMatch(/request body has an error/)
  })
})

describe('Go parsing, unit tables', () => {
  it('parses booleans as strconv.ParseBool', () => {
    expect(GO_TRUE.map(parseGoBool)).toEqual(GO_TRUE.map(() => true))
    expect(GO_FALSE.map(parseGoBool)).toEqual(GO_FALSE.map(() => false))
    expect(NOT_BOOL.map(parseGoBool)).toEqual(NOT_BOOL.map(() => undefined))
  })
  it('parses integers as strconv.ParseInt(s, 10, 64)', () => {
    expect(GO_INT.map(parseGoInt)).toEqual([5, 5, 7, -1, 0])
    expect(NOT_INT.map(parseGoInt)).toEqual(NOT_INT.map(() => undefined))
    expect(parseGoInt('-9223372036854775808')).toBe(-9223372036854775808)
  })
  it('parses date-times as oapi-codegen binds them: RFC 3339, else a bare date', () => {
    expect(parseGoTime('2024-01-15T10:01:30Z')).toBe(Date.parse('2024-01-15T10:01:30Z'))
    expect(parseGoTime('2024-01-15T12:01:30.123456789+02:00')).toBe(Date.parse('2024-01-15T10:01:30.123Z'))
    expect(parseGoTime('2024-01-15')).toBe(Date.parse('2024-01-15T00:00:00Z'))
    for (const bad of ['2024-01-15T10:01:30.000000+0000', '2024-01-15T10:01:30.000000', '2024-01-15 10:01:30Z', '2024-02-30', '2024-01-15T24:00:00Z', 'yesterday']) {
      expect(parseGoTime(bad), bad).toBeUndefined()
    }
  })
})
