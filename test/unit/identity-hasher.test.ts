/** The identity hasher's thread: the same digests as crypto.hash, and never what keeps a process alive. */
import { spawnSync } from 'node:child_process'
import { hash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { IdentityHasher } from '../../src/emulator/import/identity-hasher.js'

describe('IdentityHasher', () => {
  it('gives the digests crypto.hash gives, batch by batch', async () => {
    const hasher = new IdentityHasher()
    try {
      const inputs = ['a', 'bc', '', 'déf'].map((s) => Buffer.from(s))
      const ends = new Uint32Array(inputs.length)
      inputs.reduce((end, b, i) => (ends[i] = end + b.length), 0)
      const digests = await hasher.hash(new Uint8Array(Buffer.concat(inputs)), ends)
      expect(Buffer.from(digests!).toString('hex')).toBe(inputs.map((b) => hash('sha256', b, 'hex')).join(''))
    } finally {
      hasher.close()
    }
  })

  // Run as a child, from the built code: an idle thread must let it exit (an unref before the
  // thread is online did not hold on Node 20, and a warmed hasher kept a finished import's process up).
  it.each([
    ['warmed and never used', 'h.warm()'],
    ['after a batch', 'await h.hash(new Uint8Array(3), new Uint32Array([3]))'],
    ['hashing on its thread though the script is an ES module (--input-type=module)', "h.warm(); if (!(await h.hash(new Uint8Array(1), new Uint32Array([1])))) throw new Error('hashed inline')"],
  ])('lets the process exit when idle: %s', (_, body) => {
    const script = `import { IdentityHasher } from './dist/emulator/import/identity-hasher.js'\nconst h = new IdentityHasher()\n${body}\nconsole.log('done')`
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 10_000 })
    expect([run.status, run.stdout.trim(), run.signal]).toEqual([0, 'done', null])
  })
})
