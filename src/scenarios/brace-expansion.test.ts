import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { countExpansion, expandAll, expandBraces, orderedExpansion } from './brace-expansion.js'

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

describe('orderedExpansion', () => {
  const sortedUnique = (pattern: string) => [...new Set(expandAll(pattern, 's3://b/'))].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))

  it.each(['day={01..31}/part-{00001..00040}.json', 'f{0..9}', '{a,b,c}/{10..99}x', 'ü{aé,bé}/{000..120}', 'plain'])(
    'reads %s by position, in byte order, as the sorted expansion',
    (pattern) => {
      const view = orderedExpansion(pattern, 's3://b/')!
      expect(view).toBeDefined()
      const read = Array.from({ length: view.length }, (_, i) => view.at(i))
      expect(read).toEqual(sortedUnique(pattern))
      expect([view.at(-1), view.at(view.length)]).toEqual([undefined, undefined])
    }
  )

  it.each(['p{1..1000}/f{0001..0010}', 'part-{1..120}.json', 'day={1..31}/hour={0..23}/x', 'f{1..10}', 'f{3..1}', 'f{-2..2}', '{b,a}', '{a,bb}', '{é,z}', '{1..3}{1,11}x', 'x{𝒳,a,é}y'])(
    'puts the parts of %s in byte order one by one, without sorting the whole set',
    (pattern) => {
      const view = orderedExpansion(pattern, 's3://b/')!
      expect(view).toBeDefined()
      expect(Array.from({ length: view.length }, (_, i) => view.at(i))).toEqual(sortedUnique(pattern))
    }
  )

  it('orders p{1..1000}/ as byte order does', () => {
    const view = orderedExpansion('p{1..1000}/f{1..2}')!
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => view.at(i))).toEqual(['p1/f1', 'p1/f2', 'p10/f1', 'p10/f2', 'p100/f1', 'p100/f2', 'p1000/f1', 'p1000/f2'])
  })

  it.each(['{a,a}', '{a,ab}b', '{1,11}{1..3}', '{1,1}{0..1}', '{x,xy}{y,z}'])('leaves %s (repeats, or an order that depends on what follows) to be enumerated and sorted', (pattern) => {
    expect(orderedExpansion(pattern)).toBeUndefined()
  })

  it('agrees with the sorted expansion on any pattern it takes', () => {
    const literal = fc.constantFrom('', '/', '-', 'a', 'p', '=', '.json', 'é', '𝒳', '0', '1')
    const range = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.boolean()).map(([a, b, pad]) => (pad ? `{${String(a).padStart(2, '0')}..${String(b).padStart(2, '0')}}` : `{${a}..${b}}`))
    const list = fc.uniqueArray(fc.constantFrom('a', 'b', 'ab', 'ba', '1', '10', 'é', '𝒳', '/', 'a/'), { minLength: 2, maxLength: 4 }).map((xs) => `{${xs.join(',')}}`)
    const pattern = fc.array(fc.oneof(literal, range, list), { minLength: 1, maxLength: 4 }).map((xs) => xs.join(''))
    let taken = 0
    fc.assert(
      fc.property(pattern, (p) => {
        const view = orderedExpansion(p, 's3://b/')
        if (!view) return
        taken++
        expect(Array.from({ length: view.length }, (_, i) => view.at(i))).toEqual(sortedUnique(p))
      }),
      { numRuns: 1500 }
    )
    expect(taken).toBeGreaterThan(500)
  })
})
