/**
 * What speed must not cost: byte order above U+FFFF, range boundaries and IDs that do not depend
 * on how ingestion is paced or sliced, and a cancel that holds from the next time slice.
 */
import { describe, expect, it } from 'vitest'
import { sortInSteps } from '../../src/fakestore/sorted-chunks.js'
import { compareBytewise, sortBytewise } from '../../src/util/byte-order.js'
import { ManualClock } from '../../src/emulator/clock.js'
import type { ImportJob } from '../../src/emulator/import/import-job.js'
import { ImportRunner, type RunnerOptions } from '../../src/emulator/import/import-runner.js'
import type { Scenario } from '../../src/scenarios/schema.js'
import { setup } from '../support/harness.js'

const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))

/** Keys drawn from ASCII, U+E000..U+FFFF and astral characters: where UTF-16 and UTF-8 orders part. */
function mixedKeys(n: number, astral: boolean): string[] {
  const alphabet = ['a', 'b', '/', '\uE000', '\uFFFD', 'é', ...(astral ? ['\u{1F600}', '\u{10000}'] : [])]
  let x = 12345
  return Array.from({ length: n }, () => {
    let s = ''
    for (let len = 1 + (x % 6); len > 0; len--) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0
      s += alphabet[x % alphabet.length]
    }
    return s
  })
}

describe('UTF-8 byte order', () => {
  it('sorts as Buffer.compare does, on the fast path (no surrogates) and the careful one', () => {
    for (const astral of [false, true]) {
      const keys = mixedKeys(5000, astral)
      expect(sortBytewise([...keys])).toEqual([...keys].sort(byUtf8))
    }
    // The case JavaScript's own order gets wrong.
    expect(sortBytewise(['a\u{1F600}', 'a\uFFFD'])).toEqual(['a\uFFFD', 'a\u{1F600}'])
    expect(['a\u{1F600}', 'a\uFFFD'].sort()).toEqual(['a\u{1F600}', 'a\uFFFD'])
  })

  it('sorts in bounded steps to the same order, merging runs that overlap', () => {
    const keys = mixedKeys(10_000, true)
    const steps = sortInSteps([...keys], 1000)
    let yields = 0
    let step = steps.next()
    for (; !step.done; step = steps.next()) yields++
    expect(step.value).toEqual([...keys].sort(byUtf8))
    expect(yields).toBeGreaterThan(10)
  })

  it('lists imported keys above U+FFFF after U+FFFD, as graveler orders them', async () => {
    const h = setup({
      import: { objectsPerSecond: 0, statusIntervalMs: 0 },
      store: { objects: ['a', 'a\uFFFD', 'a\u{1F600}', 'b'].map((k) => ({ uri: `s3://src/d/${k}`, content: k })) },
      repositories: [{ name: 'repo', storageNamespace: 's3://ns/repo' }],
    })
    const start = await h.request('POST', '/repositories/repo/branches/main/import', {
      body: { paths: [{ type: 'common_prefix', path: 's3://src/d/', destination: '' }], commit: { message: 'm' } },
    })
    await h.advance(0)
    const status = await h.request('GET', `/repositories/repo/branches/main/import?id=${start.body.id}`)
    expect(status.body.completed).toBe(true)
    const listed = await h.request('GET', '/repositories/repo/refs/main/objects/ls')
    expect(listed.body.results.map((r: { path: string }) => r.path)).toEqual(['a', 'a\uFFFD', 'a\u{1F600}', 'b'])
    expect(compareBytewise('a\uFFFD', 'a\u{1F600}')).toBeLessThan(0)
  })
})

describe('range boundaries and IDs do not depend on pacing or slicing', () => {
  const N = 120_000
  const scenario = (objectsPerSecond: number, statusIntervalMs: number): Scenario => ({
    seed: 3,
    import: { objectsPerSecond, statusIntervalMs },
    store: { generate: [{ prefix: 's3://src/', keys: ['p{0..2}/k-{00001..40000}.bin'], size: { min: 1, max: 900 }, lastModified: '2024-01-15T06:00:00Z' }] },
    repositories: [{ name: 'repo', storageNamespace: 's3://ns/repo' }],
  })

  async function ranges(s: Scenario, runner: RunnerOptions | undefined, stepMs: number) {
    const h = setup(s, { runner })
    const start = await h.request('POST', '/repositories/repo/branches/main/import', {
      body: { paths: [{ type: 'common_prefix', path: 's3://src/', destination: 'data/' }], commit: { message: 'm' } },
    })
    let status
    for (let i = 0; i < 100; i++) {
      await h.advance(stepMs)
      status = (await h.request('GET', `/repositories/repo/branches/main/import?id=${start.body.id}`)).body
      if (status.completed) break
    }
    expect(status.completed).toBe(true)
    expect(status.ingested_objects).toBe(N)
    const mr = h.emulator.inspect.metaRange(status.metarange_id)
    h.emulator.close()
    return { metaRangeId: mr.id, ranges: mr.ranges.map((r) => [r.id, r.minKey, r.maxKey, r.count]) }
  }

  it('gives one metarange unpaced in big slices, unpaced in 7-object slices, and paced over emulated seconds', async () => {
    const unpaced = await ranges(scenario(0, 0), undefined, 0)
    const sliced = await ranges(scenario(0, 0), { chunk: 7, sliceMs: 0 }, 0)
    const paced = await ranges(scenario(30_000, 1000), { chunk: 501 }, 1000)
    expect(unpaced.ranges.length).toBeGreaterThan(1)
    expect(sliced).toEqual(unpaced)
    expect(paced).toEqual(unpaced)
  })

  it('gives the same metarange whether identities are hashed on the worker thread or inline', async () => {
    const offloaded = await ranges(scenario(0, 0), { offload: true }, 0)
    const inline = await ranges(scenario(0, 0), { offload: false }, 0)
    expect(offloaded).toEqual(inline)
    expect(offloaded.metaRangeId).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('time slices', () => {
  it('are short when something else used the event loop since the last turn, longer when imports had it alone', () => {
    let t = 0
    let steps = 0
    // A job whose every step takes a millisecond of the injected monotonic clock.
    const job = { step: () => (t++, steps++, { kind: 'more' }) } as unknown as ImportJob
    const runner = new ImportRunner(new ManualClock(0), { monotonic: () => t, sliceMs: 2, soloSliceMs: 6, chunk: 1 })
    runner.add(job)
    const stepsOf = () => {
      const before = steps
      runner.turn()
      return steps - before
    }
    expect(stepsOf()).toBe(2) // the first turn: nothing known about the loop, short
    expect(stepsOf()).toBe(6) // straight after the last: the imports have the loop
    expect(stepsOf()).toBe(6)
    t += 1 // a request was served between turns
    expect(stepsOf()).toBe(2)
    runner.close()
  })
})

describe('concurrent imports', () => {
  it('share the indexing of a generated set none has listed yet, and all complete', async () => {
    const h = setup(
      {
        import: { objectsPerSecond: 0, statusIntervalMs: 0 },
        store: { generate: [{ prefix: 's3://src/', keys: ['s{0..2}/k-{00001..20000}'], size: 10 }] },
        repositories: [{ name: 'repo', storageNamespace: 's3://ns/repo', branches: [{ name: 'b0' }, { name: 'b1' }, { name: 'b2' }] }],
      },
      { runner: { chunk: 1000, sliceMs: 0 } }
    )
    const ids = []
    for (const i of [0, 1, 2]) {
      const start = await h.request('POST', `/repositories/repo/branches/b${i}/import`, {
        body: { paths: [{ type: 'common_prefix', path: `s3://src/s${i}/`, destination: 'd/' }], commit: { message: 'm' } },
      })
      ids.push(start.body.id)
    }
    await h.emulator.settle()
    const statuses = await Promise.all(ids.map(async (id, i) => (await h.request('GET', `/repositories/repo/branches/b${i}/import?id=${id}`)).body))
    expect(statuses.map((s) => [s.completed, s.ingested_objects, s.error])).toEqual([
      [true, 20000, undefined],
      [true, 20000, undefined],
      [true, 20000, undefined],
    ])
  })
})

/** An unpaced import of generated keys under s3://src/, started, for a test to drive turn by turn. */
async function importByTurns(keys: string, chunk: number) {
  const h = setup(
    {
      import: { objectsPerSecond: 0, statusIntervalMs: 0 },
      store: { generate: [{ prefix: 's3://src/', keys: [keys], size: 10 }] },
      repositories: [{ name: 'repo', storageNamespace: 's3://ns/repo' }],
    },
    { runner: { chunk, sliceMs: 0 } }
  )
  const head = (await h.request('GET', '/repositories/repo/branches/main')).body.commit_id
  const start = await h.request('POST', '/repositories/repo/branches/main/import', {
    body: { paths: [{ type: 'common_prefix', path: 's3://src/', destination: 'd/' }], commit: { message: 'm' } },
  })
  return { h, start, head }
}

describe('identity hashing on the worker thread', () => {
  it('lets go of batches in flight when the emulator closes: nothing waits on them', async () => {
    const { h, start } = await importByTurns('k-{000001..060000}', 5000)
    const job = h.emulator.imports.get('repo', start.body.id)
    const runner = h.emulator.imports.runner
    while (job.walked < 60_000) runner.turn()
    // The walk is done and its last identities are still out on the worker: the build goes on
    // without them (it hashes inline what has not come back), rather than idle.
    expect(runner.turn()).toBe(true)
    expect(job.phaseName).toBe('build')
    h.emulator.close()
    await h.emulator.settle()
    expect(job.state).toBe('running')
  })
})

describe('cancel', () => {
  it('takes effect at the next time slice: no more objects walked, nothing committed', async () => {
    const { h, start, head } = await importByTurns('k-{000001..100000}', 1000)
    const job = h.emulator.imports.get('repo', start.body.id)
    const runner = h.emulator.imports.runner
    // Turns run until the walk is under way, then the cancel lands between two slices.
    while (job.walked === 0) runner.turn()
    const walked = job.walked
    expect(walked).toBeLessThan(100_000)
    expect((await h.request('DELETE', `/repositories/repo/branches/main/import?id=${start.body.id}`)).status).toBe(204)
    expect(runner.turn()).toBe(false)
    await h.advance(60_000)
    expect(job.walked).toBe(walked)
    const status = await h.request('GET', `/repositories/repo/branches/main/import?id=${start.body.id}`)
    expect(status.body).toMatchObject({ completed: false, error: { message: 'import error: Canceled' } })
    expect((await h.request('GET', '/repositories/repo/branches/main')).body.commit_id).toBe(head)
  })
})
