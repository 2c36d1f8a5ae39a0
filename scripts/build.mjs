#!/usr/bin/env node
// Builds dist/ from nothing: a stale file left by an older build would otherwise be packed and shipped.
// tsc compiles src/; the dashboard page is not TypeScript, so it is copied beside its server code.
import { spawnSync } from 'node:child_process'
import { cpSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

process.chdir(fileURLToPath(new URL('..', import.meta.url)))
rmSync('dist', { recursive: true, force: true })
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const { status } = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' })
if (status !== 0) process.exit(status ?? 1)
cpSync('src/dashboard/dashboard.html', 'dist/dashboard/dashboard.html')
