/** Shell-style brace expansion for generated keys: `{1..7}`, `{0001..2000}`, `{a,b}`, nested. */
import type { SortedKeys } from '../fakestore/object-store.js'
import { compareBytewise } from '../util/byte-order.js'

export class BraceExpansionError extends Error {}

/** How many strings `pattern` expands to, without expanding it. */
export function countExpansion(pattern: string): number {
  return parse(pattern).reduce((n, part) => n * part.length, 1)
}

export function* expandBraces(pattern: string): Generator<string> {
  const parts = parse(pattern)
  const idx = parts.map(() => 0)
  if (parts.some((p) => p.length === 0)) return
  for (;;) {
    let s = ''
    for (let i = 0; i < parts.length; i++) s += parts[i]!.at(idx[i]!)
    yield s
    let k = parts.length - 1
    while (k >= 0 && ++idx[k]! === parts[k]!.length) idx[k--] = 0
    if (k < 0) return
  }
}

/**
 * Every expansion of `pattern`, each prefixed with `prefix`, in expansion order, yielding about
 * every `chunk` strings: the fast path for large generated sets (a million keys in ~100 ms).
 */
export function* expandInSteps(pattern: string, prefix = '', chunk = 8_192): Generator<void, string[]> {
  const parts = parse(pattern)
  // Trailing single-alternative parts are one literal tail; the last varying part loops innermost.
  let tail = ''
  while (parts.length > 1 && parts[parts.length - 1]!.length === 1) tail = parts.pop()!.at(0) + tail
  const innermost = parts.pop()!
  // Every step, these included, stops after about `chunk` strings, whatever the pattern's shape.
  const inner: string[] = new Array(innermost.length)
  for (let i = 0; i < inner.length; i++) {
    inner[i] = innermost.at(i) + tail
    if ((i + 1) % chunk === 0) yield
  }
  let heads = [prefix]
  for (const part of parts) heads = heads.flatMap((h) => Array.from({ length: part.length }, (_, i) => h + part.at(i)))
  const out: string[] = new Array(heads.length * inner.length)
  let n = 0
  let due = chunk
  for (const head of heads) {
    for (const s of inner) {
      out[n++] = head + s
      if (n >= due) {
        due = n + chunk
        yield
      }
    }
  }
  return out
}

/**
 * The expansion of `pattern` (each prefixed with `prefix`) as a sorted list computed on demand,
 * without making or sorting the whole set: a part's alternatives are put in byte order on their own
 * (at once when they already are, as in `day={01..31}`), and the expansion in that order is byte order
 * whenever no part's alternative, followed by what comes after the part, begins another's. So
 * `p{1..1000}/f{0001..1000}` is ordered `p1/`, `p10/`, `p100/`, `p1000/`, `p101/`, ... and a million
 * keys need no strings and no sort until they are listed. Undefined when that does not hold (`{a,ab}b`,
 * repeats), or a part has over a million alternatives out of order: those are enumerated and sorted.
 */
export function orderedExpansion(pattern: string, prefix = ''): SortedKeys | undefined {
  const parts = parse(pattern)
  const sorted: Part[] = []
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!
    if (part.ordered) sorted.push(part)
    else {
      const inOrder = byteOrdered(part, continuation(parts[k + 1]))
      if (!inOrder) return undefined
      sorted.push(inOrder)
    }
  }
  return new OrderedExpansion(prefix, sorted)
}

/** The first code point every alternative of `next` starts with ('' if there is no next part); undefined if they differ. */
function continuation(next: Part | undefined): string | undefined {
  if (!next) return ''
  const first = next.at(0).codePointAt(0)
  if (first === undefined) return undefined
  const c = String.fromCodePoint(first)
  for (let i = 1; i < next.length; i++) if (!next.at(i).startsWith(c)) return undefined
  return c
}

const LARGEST_SORTED_PART = 1 << 20

/**
 * The part's alternatives in byte order of `alternative + after`, if those are prefix-free (or, for
 * the last part, merely distinct): then two keys that differ in this part are ordered by it alone.
 */
function byteOrdered(part: Part, after: string | undefined): Part | undefined {
  if (part.length > LARGEST_SORTED_PART) return undefined
  const last = after === ''
  const follow = after ?? ''
  const keys = Array.from({ length: part.length }, (_, i) => part.at(i) + follow).sort(compareBytewise)
  // A string that begins others sorts right before the first of them.
  for (let i = 1; i < keys.length; i++) if (keys[i] === keys[i - 1] || (!last && keys[i]!.startsWith(keys[i - 1]!))) return undefined
  const alternatives = follow ? keys.map((k) => k.slice(0, -follow.length)) : keys
  return { length: alternatives.length, at: (i) => alternatives[i]!, ordered: true }
}

class OrderedExpansion implements SortedKeys {
  readonly length: number
  readonly #pieces: string[]
  /** The alternative each part showed last: a listing reads keys in order, so most parts repeat. */
  readonly #shown: number[]

  readonly parts: readonly Part[]

  constructor(prefix: string, parts: readonly Part[]) {
    // Parts of up to 64k alternatives keep each once made: the innermost cycles once per key.
    this.parts = parts.map((p) => (p.length > 1 && p.length <= 65_536 ? remembered(p) : p))
    this.length = parts.reduce((n, p) => n * p.length, 1)
    this.#pieces = [prefix, ...parts.map(() => '')]
    this.#shown = parts.map(() => -1)
  }

  at(i: number): string | undefined {
    if (!(i >= 0 && i < this.length)) return undefined
    const { parts } = this
    const pieces = this.#pieces
    const shown = this.#shown
    for (let k = parts.length - 1; k >= 0; k--) {
      const part = parts[k]!
      const digit = i % part.length
      if (shown[k] !== digit) {
        shown[k] = digit
        pieces[k + 1] = part.at(digit)
      }
      i = Math.floor(i / part.length)
    }
    // join makes one flat string (a chain of `+` would keep its intermediate nodes).
    return pieces.join('')
  }
}

function remembered(part: Part): Part {
  const made: (string | undefined)[] = new Array(part.length)
  return { length: part.length, ordered: part.ordered, at: (i) => (made[i] ??= part.at(i)) }
}

/** `expandInSteps` all at once. */
export function expandAll(pattern: string, prefix = ''): string[] {
  const steps = expandInSteps(pattern, prefix)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/** A pattern is a sequence of parts; each part is a list of alternatives (lazy for ranges). */
interface Part {
  readonly length: number
  at(i: number): string
  /** Alternatives of one UTF-8 byte length, strictly ascending in byte order. */
  readonly ordered: boolean
}

function literal(s: string): Part {
  return { length: 1, at: () => s, ordered: true }
}

function parse(pattern: string): Part[] {
  const parts: Part[] = []
  let text = ''
  let i = 0
  while (i < pattern.length) {
    if (pattern[i] !== '{') {
      text += pattern[i++]
      continue
    }
    const close = matchingBrace(pattern, i)
    if (close < 0) {
      text += pattern[i++]
      continue
    }
    if (text) parts.push(literal(text))
    text = ''
    parts.push(group(pattern.slice(i + 1, close)))
    i = close + 1
  }
  if (text || parts.length === 0) parts.push(literal(text))
  return parts
}

function matchingBrace(s: string, open: number): number {
  let depth = 0
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++
    else if (s[i] === '}' && --depth === 0) return i
  }
  return -1
}

function group(body: string): Part {
  const range = /^(-?\d+)\.\.(-?\d+)$/.exec(body)
  if (range) return numericRange(range[1]!, range[2]!)
  const alternatives = splitTopLevel(body)
  if (alternatives.length < 2) return literal(`{${body}}`)
  const expanded = alternatives.flatMap((a) => [...expandBraces(a)])
  const width = Buffer.byteLength(expanded[0] ?? '', 'utf8')
  const ordered = expanded.every(
    (alt, i) => Buffer.byteLength(alt, 'utf8') === width && (i === 0 || compareBytewise(expanded[i - 1]!, alt) < 0)
  )
  return { length: expanded.length, at: (i) => expanded[i]!, ordered }
}

function numericRange(fromText: string, toText: string): Part {
  const from = Number(fromText)
  const to = Number(toText)
  const padded = /^-?0\d/.test(fromText) || /^-?0\d/.test(toText)
  const width = padded ? Math.max(fromText.length, toText.length) : 0
  const step = from <= to ? 1 : -1
  // Ascending, non-negative, and every number the same width (padded to it, or of one length).
  const ordered = step === 1 && from >= 0 && (padded ? String(to).length <= width : String(from).length === String(to).length)
  return {
    length: Math.abs(to - from) + 1,
    at: (i) => String(from + i * step).padStart(width, '0'),
    ordered,
  }
}

function splitTopLevel(body: string): string[] {
  const out: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') depth++
    else if (body[i] === '}') depth--
    else if (body[i] === ',' && depth === 0) {
      out.push(body.slice(start, i))
      start = i + 1
    }
  }
  out.push(body.slice(start))
  return out
}
