/**
 * Every TypeScript block in the README runs here as written: each becomes a module beside this file
 * (`lakefs-emulator` resolved to this checkout's source) and imported, so the tests it declares
 * run as part of this file (a failure's stack names `.readme/line-N.ts`, N the block's README line).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readmeBlocks } from './readme-blocks.js'

const here = dirname(fileURLToPath(import.meta.url))
const out = join(here, '.readme')
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

for (const block of readmeBlocks('ts')) {
  const file = join(out, `line-${block.line}.ts`)
  writeFileSync(file, block.code.replaceAll("from 'lakefs-emulator'", "from '../../../src/index.js'"))
  // At the top level, not in a describe: a block may declare file-scoped fixtures.
  await import(file)
}
