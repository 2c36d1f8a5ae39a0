/**
 * Entry identities (a SHA-256 each, about a microsecond: a quarter of a large import's time)
 * hashed on a worker thread, so they are done on another core while the walk goes on. Each batch
 * is one buffer of inputs and their end offsets; the answer is their digests, 32 bytes each, in
 * order. The digests are the same bytes `crypto.hash` gives on the main thread: only where the
 * work runs changes.
 */
import { Worker } from 'node:worker_threads'

// A data: URL, so that the worker needs no file of its own (tests run from TypeScript) and is an ES
// module whatever the process was started with (eval'd source would follow --input-type).
const WORKER_SOURCE = `
import { parentPort } from 'node:worker_threads'
import { hash } from 'node:crypto'
import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
// Lowest priority (Linux: a thread's nice value is set through its thread id), so hashing only
// takes CPU nothing else wants: never the event loop's, nor the test client's beside it.
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop())
  if (tid > 0) setPriority(tid, 19)
} catch {}
parentPort.on('message', ({ id, input, ends }) => {
  const out = new Uint8Array(ends.length * 32)
  let start = 0
  for (let i = 0; i < ends.length; i++) {
    out.set(hash('sha256', input.subarray(start, ends[i]), 'buffer'), i * 32)
    start = ends[i]
  }
  parentPort.postMessage({ id, out }, [out.buffer])
})
`
const WORKER_URL = new URL(`data:text/javascript,${encodeURIComponent(WORKER_SOURCE)}`)

export class IdentityHasher {
  #worker: Worker | undefined
  #nextId = 0
  readonly #waiting = new Map<number, (digests: Uint8Array | undefined) => void>()
  #idle: (() => void)[] = []

  /** Batches sent and not yet answered. */
  get pending(): number {
    return this.#waiting.size
  }

  /**
   * Hashes `input[ends[i-1]..ends[i])` for each i; resolves with the digests, or with undefined
   * if the hasher was closed first or cannot start its thread. `input` is transferred (unusable afterwards).
   */
  hash(input: Uint8Array, ends: Uint32Array): Promise<Uint8Array | undefined> {
    let worker: Worker
    try {
      worker = this.#start()
    } catch {
      // No thread to be had: the identities are hashed inline, with the same result.
      return Promise.resolve(undefined)
    }
    // Referenced while work is out, so an awaiting process does not exit under it.
    if (this.#waiting.size === 0) worker.ref()
    const id = this.#nextId++
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve)
      worker.postMessage({ id, input, ends }, [input.buffer as ArrayBuffer])
    })
  }

  /** Starts the thread, if it is not running, so that the first batch does not wait for it. */
  warm(): void {
    try {
      this.#start()
    } catch {
      // No thread to be had: the identities are hashed inline, with the same result.
    }
  }

  /** Resolves once no batch is pending. */
  idle(): Promise<void> {
    return this.#waiting.size === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve))
  }

  /** Stops the worker; pending batches resolve with undefined. */
  close(): void {
    void this.#worker?.terminate()
    this.#worker = undefined
    for (const resolve of this.#waiting.values()) resolve(undefined)
    this.#waiting.clear()
    this.#wakeIdle()
  }

  #start(): Worker {
    if (this.#worker) return this.#worker
    const worker = new Worker(WORKER_URL)
    // Idle, it never keeps a process alive (unref before the thread is online does not hold on
    // Node 20, so it is done again once it is).
    worker.unref()
    worker.once('online', () => {
      if (this.#waiting.size === 0) worker.unref()
    })
    worker.on('message', ({ id, out }: { id: number; out: Uint8Array }) => {
      const resolve = this.#waiting.get(id)
      this.#waiting.delete(id)
      resolve?.(out)
      if (this.#waiting.size > 0) return
      worker.unref()
      this.#wakeIdle()
    })
    worker.on('error', () => this.close())
    this.#worker = worker
    return worker
  }

  #wakeIdle(): void {
    const idle = this.#idle
    this.#idle = []
    for (const resolve of idle) resolve()
  }
}
