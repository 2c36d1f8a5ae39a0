/** Go's path.Match, which lakeFS uses for an action's `branches` patterns: `*`, `?`, `[...]` and `\` escapes, never across `/`. */

/** The pattern as a regular expression; undefined for a malformed one (Go: path.ErrBadPattern). */
export function goPathPattern(pattern: string): RegExp | undefined {
  let re = '^'
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '*') re += '[^/]*'
    else if (c === '?') re += '[^/]'
    else if (c === '\\') {
      if (++i >= pattern.length) return undefined
      re += escape(pattern[i]!)
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2)
      if (end < 0) return undefined
      let body = pattern.slice(i + 1, end)
      const negate = body.startsWith('^')
      if (negate) body = body.slice(1)
      if (!body) return undefined
      re += `[${negate ? '^' : ''}${body.replace(/[\]\\]/g, (x) => `\\${x}`)}${negate ? '/' : ''}]`
      i = end
    } else re += escape(c)
  }
  return new RegExp(`${re}$`, 'u')
}

const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, (x) => `\\${x}`)
