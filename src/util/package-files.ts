/**
 * Files of this package (package.json, the shipped scenarios, the dashboard page), found from
 * wherever the code runs: src/ under tsx, dist/ as tsc wrote it, or the CLI's one bundled file
 * (dist/cli/main.js), where every module shares that file's `import.meta.url`.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const NAME = 'lakefs-emulator'

/** The package's root: the nearest folder above this module whose package.json is this package's. */
export function packageRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; ) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === NAME) return dir
    const up = dirname(dir)
    if (up === dir) throw new Error(`${NAME}: cannot find its package.json above ${fileURLToPath(import.meta.url)}`)
    dir = up
  }
}

/** A path inside the package, e.g. `packageFile('scenarios', 'daily-drop.json')`. */
export function packageFile(...segments: string[]): string {
  return join(packageRoot(), ...segments)
}

/** The package's version. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version
}

/** Where the compiled code and the files copied beside it live: `src` when running TypeScript, else `dist`. */
export function codeFolder(): 'src' | 'dist' {
  return import.meta.url.endsWith('.ts') ? 'src' : 'dist'
}
