/** Small helpers for tests that build commit histories over the lakeFS API. */
import { expect } from 'vitest'
import type { Harness } from './harness.js'

export const REPO = 'repo'

export async function put(h: Harness, branch: string, path: string, content: string, headers: Record<string, string> = {}) {
  const res = await h.request('POST', `/repositories/${REPO}/branches/${branch}/objects?path=${encodeURIComponent(path)}`, { raw: content, headers })
  expect(res.status, res.text).toBe(201)
  return res.body
}

export async function remove(h: Harness, branch: string, path: string) {
  const res = await h.request('DELETE', `/repositories/${REPO}/branches/${branch}/objects?path=${encodeURIComponent(path)}`)
  expect(res.status, res.text).toBe(204)
}

/** Commits and returns the commit body (asserting the 201). */
export async function commit(h: Harness, branch: string, message: string, extra: Record<string, unknown> = {}) {
  const res = await h.request('POST', `/repositories/${REPO}/branches/${branch}/commits`, { body: { message, ...extra } })
  expect(res.status, res.text).toBe(201)
  return res.body
}

export async function branch(h: Harness, name: string, source: string) {
  const res = await h.request('POST', `/repositories/${REPO}/branches`, { body: { name, source } })
  expect(res.status, res.text).toBe(201)
  return res.text
}

export async function head(h: Harness, name: string): Promise<string> {
  return (await h.request('GET', `/repositories/${REPO}/branches/${name}`)).body.commit_id
}

export async function read(h: Harness, ref: string, path: string): Promise<[number, string]> {
  const res = await h.request('GET', `/repositories/${REPO}/refs/${ref}/objects?path=${encodeURIComponent(path)}`)
  return [res.status, res.text]
}

export function merge(h: Harness, source: string, dest: string, body: Record<string, unknown> = {}) {
  return h.request('POST', `/repositories/${REPO}/refs/${source}/merge/${dest}`, { body })
}

/** Every path on a ref, with its content. */
export async function contents(h: Harness, ref: string): Promise<Record<string, string>> {
  const res = await h.request('GET', `/repositories/${REPO}/refs/${ref}/objects/ls?amount=1000`)
  const out: Record<string, string> = {}
  for (const o of res.body.results) out[o.path] = (await read(h, ref, o.path))[1]
  return out
}

export const diffPaths = (body: { results: { type: string; path: string }[] }) => body.results.map((d) => `${d.type} ${d.path}`)
