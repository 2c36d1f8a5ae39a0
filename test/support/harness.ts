/**
 * Test harness: a fresh emulator per test on a manual clock, and a request helper that checks
 * every response against lakeFS's OpenAPI spec (so the whole suite is a contract test).
 */
import { expect } from 'vitest'
import type { RunnerOptions } from '../../src/emulator/import/import-runner.js'
import { createApp, type CreateAppOptions, ManualClock, type Scenario } from '../../src/index.js'
import { validateControlResponse } from './control-spec.js'
import { specAvailable, validateResponse } from './lakefs-spec.js'

export const T0 = Date.parse('2024-01-15T10:00:00Z')
export const QUICKSTART = { id: 'AKIAIOSFOLQUICKSTART', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
export const AUTH = `Basic ${Buffer.from(`${QUICKSTART.id}:${QUICKSTART.secret}`).toString('base64')}`

export interface Reply {
  status: number
  headers: Headers
  text: string
  body: any
}

export interface RequestOptions {
  body?: unknown
  raw?: BodyInit
  headers?: Record<string, string>
  auth?: string | null
}

export function setup(
  scenario: Scenario = {},
  options: { seed?: number; start?: number; controlToken?: string; runner?: RunnerOptions; limits?: CreateAppOptions['limits']; dataDir?: string } = {}
) {
  const { seed, controlToken, runner, limits, dataDir } = options
  // With a data directory the clock is the runtime's own (manual), so that a restart resumes its time.
  const given = dataDir === undefined ? new ManualClock(options.start ?? T0) : undefined
  const scenarios = [dataDir === undefined ? scenario : { ...scenario, clock: { start: new Date(options.start ?? T0).toISOString(), ...scenario.clock } }]
  const app = createApp({ scenarios, clock: given, clockMode: given ? undefined : 'manual', seed, controlToken, runner, limits, dataDir })
  const clock = (given ?? app.runtime.clock) as ManualClock
  const emulator = app.emulator

  async function request(method: string, path: string, opts: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...opts.headers }
    if (opts.auth !== null) headers.Authorization = opts.auth ?? AUTH
    let body: BodyInit | undefined = opts.raw
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body)
      headers['Content-Type'] ??= 'application/json'
    }
    const res = await app.request(`/api/v1${path}`, { method, headers, body })
    const text = await res.text()
    const contentType = res.headers.get('Content-Type')
    const reply: Reply = {
      status: res.status,
      headers: res.headers,
      text,
      body: contentType?.startsWith('application/json') && text ? JSON.parse(text) : text,
    }
    if (specAvailable()) {
      const problems = validateResponse(method, new URL(path, 'http://x').pathname, res.status, contentType, text)
      expect(problems, `${method} ${path} -> ${res.status} conforms to lakeFS's spec`).toEqual([])
    }
    return reply
  }

  /** Moves emulator time and lets imports do the work that time allows. */
  async function advance(ms: number): Promise<void> {
    if (dataDir !== undefined) return void (await app.request('/_emulator/clock/advance', { method: 'POST', body: JSON.stringify({ ms }), headers: { 'Content-Type': 'application/json' } }))
    clock.advance(ms)
    await emulator.settle()
  }

  /** A control API call (/_emulator...), with a bearer token when given. */
  async function control(method: string, path: string, opts: { body?: unknown; raw?: BodyInit; token?: string } = {}): Promise<Reply> {
    const headers: Record<string, string> = {}
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`
    let body = opts.raw
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body)
      headers['Content-Type'] = 'application/json'
    }
    const res = await app.request(`/_emulator${path}`, { method, headers, body })
    const text = await res.text()
    const contentType = res.headers.get('Content-Type')
    const json = contentType?.startsWith('application/json') && text ? JSON.parse(text) : text
    // Every control response must match the control API's own document.
    const pathname = new URL(path, 'http://x').pathname
    const doc = pathname === '/openapi.json' ? undefined : await (await app.request('/_emulator/openapi.json')).json()
    const problems = doc ? validateControlResponse(doc, method, pathname, res.status, contentType, text) : []
    expect(problems, `${method} /_emulator${path} -> ${res.status} conforms to /_emulator/openapi.json`).toEqual([])
    return { status: res.status, headers: res.headers, text, body: json }
  }

  return { app, emulator, clock, request, advance, control }
}

export type Harness = ReturnType<typeof setup>

/** Waits for a request that a fault delays, moving the manual clock a millisecond at a time. */
export async function withClockRunning<T>(h: Harness, request: Promise<T>): Promise<T> {
  let done = false
  const settled = request.finally(() => (done = true))
  while (!done) {
    h.clock.advance(1)
    await new Promise((resolve) => setImmediate(resolve))
  }
  return settled
}

/** The body of an importStart request. */
export function importBody(paths: { type?: string; path: string; destination: string }[], commit: Record<string, unknown> = { message: '' }, force?: boolean) {
  return { paths: paths.map((p) => ({ type: 'common_prefix', ...p })), commit, ...(force !== undefined && { force }) }
}

/** Starts an import and returns its id (asserting the 202). */
export async function startImport(h: Harness, repo: string, branch: string, body: unknown): Promise<string> {
  const res = await h.request('POST', `/repositories/${repo}/branches/${branch}/import`, { body })
  expect(res.status, res.text).toBe(202)
  return res.body.id
}

export async function status(h: Harness, repo: string, id: string, branch = 'main') {
  return h.request('GET', `/repositories/${repo}/branches/${branch}/import?id=${id}`)
}

/** Lists every path on a ref, following pagination as the SDKs do. */
export async function listAll(h: Harness, repo: string, ref: string, prefix = ''): Promise<any[]> {
  const out: any[] = []
  let after = ''
  for (;;) {
    const res = await h.request('GET', `/repositories/${repo}/refs/${ref}/objects/ls?amount=1000&prefix=${encodeURIComponent(prefix)}&after=${encodeURIComponent(after)}`)
    expect(res.status).toBe(200)
    out.push(...res.body.results)
    if (!res.body.pagination.has_more) return out
    after = res.body.pagination.next_offset
  }
}
