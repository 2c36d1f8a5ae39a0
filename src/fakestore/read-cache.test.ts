/** The store's read cache: what it keeps, what it drops, and that no write or delete is ever missed. */
import { describe, expect, it } from 'vitest'
import { MemfsObjectStore } from './memfs-object-store.js'
import { ReadCache } from './read-cache.js'

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill)

describe('ReadCache', () => {
  it('reads a file once, keeps it within the budget, least recently read dropped first', () => {
    const cache = new ReadCache(10, 4)
    const reads: string[] = []
    const read = (file: string, n: number) => cache.get(file, () => (reads.push(file), bytes(n)))
    read('a', 4)
    read('a', 4)
    read('b', 4)
    read('a', 4)
    expect(reads).toEqual(['a', 'b'])
    // 12 bytes would be over 10: b, the least recently read, goes.
    read('c', 4)
    read('a', 4)
    read('b', 4)
    expect(reads).toEqual(['a', 'b', 'c', 'b'])
    // Larger than `largest`: read every time, never kept.
    read('big', 5)
    read('big', 5)
    expect(reads.filter((f) => f === 'big')).toHaveLength(2)
  })

  it('forgets a file, so the next read goes to the file', () => {
    const cache = new ReadCache()
    let version = 1
    const read = () => cache.get('f', () => bytes(2, version))
    expect(read()[0]).toBe(1)
    version = 2
    expect(read()[0]).toBe(1)
    cache.forget('f')
    expect(read()[0]).toBe(2)
  })
})

describe('the memfs store over its read cache', () => {
  it('gives the bytes last put, after any number of reads, and nothing once deleted', () => {
    const store = new MemfsObjectStore()
    store.put('s3://b/k', bytes(3, 1), 0)
    expect([...store.read('s3://b/k')]).toEqual([1, 1, 1])
    store.put('s3://b/k', bytes(2, 7), 1)
    expect([...store.read('s3://b/k')]).toEqual([7, 7])
    expect([...store.read('s3://b/k', 1)]).toEqual([7])
    store.delete('s3://b/k')
    expect(() => store.read('s3://b/k')).toThrow('no object at s3://b/k')
    store.put('s3://b/k', bytes(1, 9), 2)
    expect([...store.read('s3://b/k')]).toEqual([9])
  })
})
