import { describe, expect, it } from 'vitest'
import { countExpansion, expandBraces } from '../../src/scenarios/brace-expansion.js'

describe('expandBraces', () => {
  it.each([
    ['plain', ['plain']],
    ['f{1..3}', ['f1', 'f2', 'f3']],
    ['f{3..1}', ['f3', 'f2', 'f1']],
    ['f{08..11}', ['f08', 'f09', 'f10', 'f11']],
    ['{a,b}/{1..2}', ['a/1', 'a/2', 'b/1', 'b/2']],
    ['x{a,b{1..2}}', ['xa', 'xb1', 'xb2']],
    ['{single}', ['{single}']],
    ['open{', ['open{']],
  ])('expands %s', (pattern, expected) => {
    expect([...expandBraces(pattern)]).toEqual(expected)
    expect(countExpansion(pattern)).toBe(expected.length)
  })

  it('counts huge patterns without expanding them', () => {
    expect(countExpansion('{1..1000000000}/{a,b}')).toBe(2_000_000_000)
  })
})
