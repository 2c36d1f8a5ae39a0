// Shared helpers for the benchmark suite (bench/run.mjs). Not part of `npm test`.
import { spawn } from 'node:child_process'
import http from 'node:http'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const AUTH = `Basic ${Buffer.from('AKIAIOSFOLQUICKSTART:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY').toString('base64')}`

export const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
export const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

/** Runs `node <args>` and resolves with its stdout parsed as JSON (the last line). */
export function runJson(args, options = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], ...options })
    let out = ''
    p.stdout.on('data', (d) => (out += d))
    p.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`node ${args.join(' ')} exited ${code}`))
      resolve(JSON.parse(out.trim().split('\n').at(-1)))
    })
  })
}

export function get(port, path, headers = {}) {
  return new Promise((resolve) => {
    const q = http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode, body }))
    })
    q.on('error', () => resolve({ status: 0, body: '' }))
  })
}

export function post(port, path, json) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(json)
    const q = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { Authorization: AUTH, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        let text = ''
        res.on('data', (d) => (text += d))
        res.on('end', () => resolve({ status: res.statusCode, body: text }))
      }
    )
    q.on('error', reject)
    q.end(body)
  })
}

/** Polls until `path` answers `status` (any answer for 'any'); resolves with the milliseconds since `t0`. */
export async function waitFor(port, path, status, t0, timeoutMs = 60_000, headers = {}) {
  for (;;) {
    const res = await get(port, path, headers)
    if (res.status === status || (status === 'any' && res.status > 0)) return performance.now() - t0
    if (performance.now() - t0 > timeoutMs) throw new Error(`no ${status} from ${path} on port ${port}`)
    await new Promise((r) => setTimeout(r, 1))
  }
}

let nextPort = 18400 + (process.pid % 500) * 2
export const freePort = () => nextPort++
