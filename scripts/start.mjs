#!/usr/bin/env node
// `npm start`: the built CLI, in this process. dist/ is rebuilt first only when it is missing or a
// source is newer than it (a build takes seconds; starting takes a fraction of one).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0)
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : mtime(join(dir, e.name))), 0)

const built = mtime(join(root, 'dist', 'cli.js'))
const sources = Math.max(newest(join(root, 'src')), ...['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'].map((f) => mtime(join(root, f))))
if (!built || sources > built) {
  const { status } = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' })
  if (status !== 0) process.exit(status ?? 1)
}
await import(pathToFileURL(join(root, 'dist', 'cli.js')).href)
