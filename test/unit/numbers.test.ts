import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { withThousands } from '../../src/util/numbers.js'

describe('withThousands', () => {
  it('writes what toLocaleString("en-US") writes, without ICU', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -2e9, max: 2e9 }), fc.integer({ min: -8e9, max: 8e9 }).map((k) => k / 8), fc.constant(-0)), (n) => {
        expect(withThousands(n)).toBe(n.toLocaleString('en-US'))
      }),
      { numRuns: 2000 }
    )
  })

  it('groups by three', () => {
    expect([0, 999, 1000, 1_000_000, 1234.5, -12_345].map(withThousands)).toEqual(['0', '999', '1,000', '1,000,000', '1,234.5', '-12,345'])
  })
})
