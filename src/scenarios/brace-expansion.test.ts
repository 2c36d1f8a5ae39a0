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

  it.each(['f{1..10}', 'f{3..1}', 'f{-2..2}', '{b,a}', '{a,bb}', '{a,a}', '{é,z}'])('leaves %s to be enumerated and sorted', (pattern) => {
    expect(orderedExpansion(pattern)).toBeUndefined()
  })
})
