// The floor for an import through the CLI (issue 22): the keys a brace pattern makes, sorted in UTF-8
// byte order, and one SHA-256 per entry (key, address, size, ETag) with crypto.hash (the fastest way
// Node has to hash one short input), in a fresh process.
// node bench/cli-floor.mjs '<pattern>' '<prefix>'  ->  JSON { n, floorMs }
import { hash } from 'node:crypto'
import { expandAll } from '../dist/scenarios/brace-expansion.js'
import { sortBytewise } from '../dist/util/byte-order.js'

const [pattern, prefix] = process.argv.slice(2)
const uris = expandAll(pattern, prefix)
const t = performance.now()
const keys = sortBytewise(uris.map((u) => u.slice(prefix.length)))
for (const key of keys) hash('sha256', `${key}|${prefix}${key}|1024|d41d8cd98f00b204e9800998ecf8427e`, 'buffer')
console.log(JSON.stringify({ n: keys.length, floorMs: performance.now() - t }))
