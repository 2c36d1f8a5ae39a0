/** The README's fenced code blocks, with the line each starts on, for the tests that run them. */
import { readFileSync } from 'node:fs'

export interface CodeBlock {
  readonly lang: string
  /** 1-based line of the opening fence. */
  readonly line: number
  readonly code: string
}

export function readmeBlocks(lang?: string, file = new URL('../../README.md', import.meta.url)): CodeBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n')
  const blocks: CodeBlock[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!)
    if (!open) continue
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'))
    blocks.push({ lang: open[1]!, line: i + 1, code: lines.slice(i + 1, end).join('\n') + '\n' })
    i = end
  }
  return lang === undefined ? blocks : blocks.filter((b) => b.lang === lang)
}
