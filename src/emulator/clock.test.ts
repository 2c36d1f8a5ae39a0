import { afterEach, describe, expect, it, vi } from 'vitest'
import { ManualClock, sleep, VirtualClock } from './clock.js'

const T0 = Date.parse('2024-01-15T10:00:00Z')

describe('ManualClock', () => {
  it('fires due timers in time order during advance, each seeing its own time', () => {
    const clock = new ManualClock(T0)
    const seen: [string, number][] = []
    clock.schedule(T0 + 300, () => seen.push(['b', clock.now()]))
    clock.schedule(T0 + 100, () => seen.push(['a', clock.now()]))
    clock.schedule(T0 + 300, () => seen.push(['c', clock.now()]))
    const cancel = clock.schedule(T0 + 200, () => seen.push(['x', clock.now()]))
    cancel()
    clock.advance(250)
    expect(seen).toEqual([['a', T0 + 100]])
    clock.advance(50)
    expect(seen).toEqual([['a', T0 + 100], ['b', T0 + 300], ['c', T0 + 300]])
    expect(clock.now()).toBe(T0 + 300)
    expect(clock.elapsedMs).toBe(300)
  })

  it('refuses to go backwards or by a non-number', () => {
    const clock = new ManualClock(T0)
    expect(() => clock.advance(-1)).toThrow(RangeError)
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError)
    expect(() => clock.set(T0 - 1)).toThrow(RangeError)
  })

  it('resolves sleep only when advanced far enough', async () => {
    const clock = new ManualClock(T0)
    let done = false
    const p = sleep(clock, 1000).then(() => (done = true))
    clock.advance(999)
    await Promise.resolve()
    expect(done).toBe(false)
    clock.advance(1)
    await p
    expect(done).toBe(true)
  })
})

describe('VirtualClock', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('runs scaled time at its speed and fires timers on wall time', () => {
    vi.useFakeTimers({ now: 1_000_000 })
    const clock = new VirtualClock({ mode: 'scaled', speed: 60, start: T0 })
    const fired: number[] = []
    clock.schedule(T0 + 60_000, () => fired.push(clock.now()))
    vi.advanceTimersByTime(999)
    expect(clock.now()).toBe(T0 + 59_940)
    expect(fired).toEqual([])
    vi.advanceTimersByTime(1)
    expect(fired).toEqual([T0 + 60_000])
  })

  it('jumps ahead in real mode and keeps running from there', () => {
    vi.useFakeTimers({ now: 1_000_000 })
    const clock = new VirtualClock({ mode: 'real', start: T0 })
    const fired: number[] = []
    clock.schedule(T0 + 5000, () => fired.push(clock.now()))
    clock.advance(10_000)
    expect(fired).toEqual([T0 + 5000])
    vi.advanceTimersByTime(20)
    expect(clock.now()).toBe(T0 + 10_020)
  })

  it('rejects a zero or negative speed', () => {
    expect(() => new VirtualClock({ mode: 'scaled', speed: 0 })).toThrow(RangeError)
    expect(() => new VirtualClock({ mode: 'scaled', speed: -2 })).toThrow(RangeError)
  })
})
