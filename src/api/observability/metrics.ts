/**
 * `GET /metrics` in Prometheus's text format, with lakeFS's own API metrics (`api_requests_total`
 * by code and method, `api_request_duration_seconds` by operation and code: docs/reference/monitor.md)
 * and the emulator's: imports by state, objects ingested, fault rules fired, plus Node's process
 * metrics where lakeFS has Go's. Durations are wall-clock seconds (an injected delay on a manual
 * clock shows as the wall time the request waited).
 */
import { createRequire } from 'node:module'
import type * as PromClient from 'prom-client'
import type { Metric, MetricValue, Registry } from 'prom-client'
import type { Emulator } from '../../emulator/emulator.js'
import type { FaultView } from '../middleware/fault-view.js'
import type { JournalRecord } from './journal.js'

const IMPORT_STATES = ['running', 'completed', 'failed', 'canceled'] as const

/**
 * prom-client, loaded at the first scrape: it pulls in Node's cluster, https, zlib and perf_hooks,
 * which a start that is never scraped need not load before its first answer. Never changes once loaded.
 */
const loaded: { prom?: typeof PromClient } = {}
const prom = (): typeof PromClient => (loaded.prom ??= createRequire(import.meta.url)('prom-client') as typeof PromClient)

export interface MetricsSource {
  readonly emulator: Emulator
  readonly faults: () => FaultView
}


/** Upper bounds (seconds) of Prometheus's default buckets; samples are made cumulative when scraped. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** One (operation, code) pair's tally; requests of a path lakeFS does not serve count under their method. */
interface Tally {
  readonly method: string
  readonly operation: string
  readonly code: string
  count: number
  sum: number
  /** Per bucket, not cumulative: observations with le ≤ BUCKETS[i] and above the bucket before. */
  readonly buckets: Float64Array
}

export class Metrics {
  readonly #source: MetricsSource
  #registry: Registry | undefined
  /**
   * Requests are tallied here with two map lookups and a bucket search, and turned into samples
   * only when scraped: prom-client's labelled observe hashes the labels on every call, which cost
   * a tenth of importStatus's throughput.
   */
  readonly #tallies = new Map<string, Map<number, Tally>>()

  constructor(source: MetricsSource) {
    this.#source = source
  }

  /** The registry of this app's metrics, made at the first scrape (requests are tallied from the start). */
  get registry(): Registry {
    return (this.#registry ??= this.#register())
  }

  #register(): Registry {
    const { Gauge, Registry } = prom()
    const registry = new Registry()
    registerApiMetrics(registry, () => [...this.#tallies.values()].flatMap((byCode) => [...byCode.values()]))
    const { emulator, faults } = this.#source
    new Gauge({
      name: 'lakefs_emulator_imports',
      help: 'Imports on record, by state',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const counts = new Map<string, number>(IMPORT_STATES.map((s) => [s, 0]))
        for (const job of emulator.imports.list()) counts.set(job.state, (counts.get(job.state) ?? 0) + 1)
        for (const [state, n] of counts) this.set({ state }, n)
      },
    })
    // Counters that the emulator already keeps: read when scraped (a reset or scenario load starts them again).
    registry.registerMetric(
      collected('lakefs_emulator_objects_ingested_total', 'Objects walked by imports since the world was built', 'counter', () => [
        { labels: {}, value: emulator.imports.objectsIngested() },
      ])
    )
    registry.registerMetric(
      collected('lakefs_emulator_fault_rules_fired_total', 'Times each fault rule of the loaded scenario fired', 'counter', () =>
        faults()
          .stats()
          .map((rule) => ({ labels: { rule: rule.name }, value: rule.fired }))
      )
    )
    return registry
  }

  /** The text a scrape gets: this app's metrics, then the process's. */
  async text(): Promise<string> {
    return (await this.registry.metrics()) + (await this.#processRegistry().metrics())
  }

  /**
   * Node's process metrics (memory, CPU, event-loop lag, GC), where lakeFS has Go's, in a registry
   * of this app's made at its first scrape: its event-loop monitor and GC observer cost nothing in
   * an app that is never scraped.
   */
  #process: Registry | undefined
  #processRegistry(): Registry {
    if (!this.#process) {
      const { collectDefaultMetrics, Registry } = prom()
      this.#process = new Registry()
      collectDefaultMetrics({ register: this.#process })
    }
    return this.#process
  }

  /** Counts a finished lakeFS request (a dropped connection has no code, and is not counted). */
  observe(record: JournalRecord): void {
    const { status } = record
    if (status === null) return
    const seconds = (performance.now() - record.wallStart) / 1000
    const key = record.operationId ?? record.method
    let byCode = this.#tallies.get(key)
    if (!byCode) this.#tallies.set(key, (byCode = new Map()))
    let tally = byCode.get(status)
    if (!tally) {
      const operation = record.operationId ?? 'unknown'
      tally = { method: record.method, operation, code: String(status), count: 0, sum: 0, buckets: new Float64Array(BUCKETS.length) }
      byCode.set(status, tally)
    }
    tally.count++
    tally.sum += seconds
    let i = 0
    while (i < BUCKETS.length && seconds > BUCKETS[i]!) i++
    if (i < BUCKETS.length) tally.buckets[i]!++
  }
}

/** lakeFS's own API metrics, from the tallies (docs/reference/monitor.md). */
function registerApiMetrics(registry: Registry, tallies: () => Tally[]): void {
  registry.registerMetric(
    collected('api_requests_total', 'lakeFS API requests', 'counter', () => {
      // No operation label here: tallies of one code and method add up.
      const byCodeAndMethod = new Map<string, { labels: { code: string; method: string }; value: number }>()
      for (const t of tallies()) {
        const key = `${t.code} ${t.method}`
        const seen = byCodeAndMethod.get(key)
        if (seen) seen.value += t.count
        else byCodeAndMethod.set(key, { labels: { code: t.code, method: t.method }, value: t.count })
      }
      return [...byCodeAndMethod.values()]
    })
  )
  registry.registerMetric(
    collected('api_request_duration_seconds', 'Durations of lakeFS API requests', 'histogram', () =>
      tallies().flatMap((t) => {
        const labels = { operation: t.operation, code: t.code }
        let cumulative = 0
        const buckets = BUCKETS.map((le, i) => {
          cumulative += t.buckets[i]!
          return { metricName: 'api_request_duration_seconds_bucket', labels: { le, ...labels }, value: cumulative }
        })
        return [
          ...buckets,
          { metricName: 'api_request_duration_seconds_bucket', labels: { le: '+Inf', ...labels }, value: t.count },
          { metricName: 'api_request_duration_seconds_sum', labels, value: t.sum },
          { metricName: 'api_request_duration_seconds_count', labels, value: t.count },
        ]
      })
    )
  )
}

/**
 * A metric whose samples are computed when scraped. The registry reads only `name` and `get()`
 * from a metric (prom-client's documented collector shape), so the cast is to its nominal type.
 */
function collected(name: string, help: string, type: 'counter' | 'histogram', values: () => MetricValue<string>[]): Metric {
  const get = async () => ({ name, help, type, aggregator: 'sum', values: values() })
  return { name, help, type, aggregator: 'sum', get } as unknown as Metric
}
