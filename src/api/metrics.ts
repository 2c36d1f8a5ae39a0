/**
 * `GET /metrics` in Prometheus's text format, with lakeFS's own API metrics (`api_requests_total`
 * by code and method, `api_request_duration_seconds` by operation and code: docs/reference/monitor.md)
 * and the emulator's: imports by state, objects ingested, fault rules fired, plus Node's process
 * metrics where lakeFS has Go's. Durations are wall-clock seconds (an injected delay on a manual
 * clock shows as the wall time the request waited).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { Emulator } from '../emulator/emulator.js'
import type { FaultEngine } from '../scenarios/fault-engine.js'
import type { JournalRecord } from './journal.js'

const IMPORT_STATES = ['running', 'completed', 'failed', 'canceled'] as const

export interface MetricsSource {
  readonly emulator: Emulator
  readonly faults: () => FaultEngine
}

/**
 * Node's process metrics (memory, CPU, event-loop lag, GC), where lakeFS has Go's. They describe
 * the process, not an app, so every app in it shares one registry, made at the first scrape (its
 * event-loop monitor and GC observer cost nothing in a test that never scrapes).
 */
let processMetrics: Registry | undefined
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry()
    collectDefaultMetrics({ register: processMetrics })
  }
  return processMetrics
}

export class Metrics {
  readonly registry = new Registry()
  readonly #requests: Counter<'code' | 'method'>
  readonly #durations: Histogram<'operation' | 'code'>
  /** Label-bound children, so a request costs two map lookups rather than label hashing. */
  readonly #bound = new Map<string, { count: { inc(): void }; time: { observe(v: number): void } }>()

  constructor({ emulator, faults }: MetricsSource) {
    const registers = [this.registry]
    this.#requests = new Counter({ name: 'api_requests_total', help: 'lakeFS API requests', labelNames: ['code', 'method'], registers })
    this.#durations = new Histogram({
      name: 'api_request_duration_seconds',
      help: 'Durations of lakeFS API requests',
      labelNames: ['operation', 'code'],
      registers, // Prometheus's default buckets, 5 ms to 10 s
    })
    new Gauge({
      name: 'lakefs_emulator_imports',
      help: 'Imports on record, by state',
      labelNames: ['state'],
      registers,
      collect() {
        const counts = new Map<string, number>(IMPORT_STATES.map((s) => [s, 0]))
        for (const job of emulator.imports.list()) counts.set(job.state, (counts.get(job.state) ?? 0) + 1)
        for (const [state, n] of counts) this.set({ state }, n)
      },
    })
    new Gauge({
      name: 'lakefs_emulator_objects_ingested_total',
      help: 'Objects walked by imports since the world was built (a reset or scenario load starts again)',
      registers,
      collect() {
        this.set(emulator.imports.objectsIngested())
      },
    })
    new Gauge({
      name: 'lakefs_emulator_fault_rules_fired_total',
      help: 'Times each fault rule of the loaded scenario fired',
      labelNames: ['rule'],
      registers,
      collect() {
        this.reset()
        for (const rule of faults().stats()) this.set({ rule: rule.name }, rule.fired)
      },
    })
  }

  /** The text a scrape gets: this app's metrics, then the process's. */
  async text(): Promise<string> {
    return (await this.registry.metrics()) + (await processRegistry().metrics())
  }

  /** Counts a finished lakeFS request (a dropped connection has no code, and is not counted). */
  observe(record: JournalRecord): void {
    if (record.status === null) return
    const key = `${record.method} ${record.operationId} ${record.status}`
    let bound = this.#bound.get(key)
    if (!bound) {
      const code = String(record.status)
      bound = {
        count: this.#requests.labels(code, record.method),
        time: this.#durations.labels(record.operationId ?? 'unknown', code),
      }
      this.#bound.set(key, bound)
    }
    bound.count.inc()
    bound.time.observe((performance.now() - record.wallStart) / 1000)
  }
}
