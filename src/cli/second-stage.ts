/**
 * Loads the CLI's second stage (`main`), with Node's built-ins only: cli.ts imports this before
 * anything else is loaded.
 *
 * From a build, the second stage is one bundled file, dist/cli/main.bundle.cjs (scripts/build.mjs):
 * resolving and opening some 500 modules was most of the time to the first real answer. It is
 * compiled with V8's code cache, as Node 22's `module.enableCompileCache()` does and Node 20 cannot:
 * the first start writes the cache (a per-user folder under the temporary directory, or
 * `LAKEFS_EMULATOR_COMPILE_CACHE`; `0` turns it off), and later starts skip parsing and compiling.
 * V8 checks the cache against the source, its version and its flags, and a cache it rejects is
 * written again. Run from sources (tsx), the modules are imported as they are.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { constants, Script } from 'node:vm'

type Main = typeof import('./main.js').main

/** What became of the compile cache: for the debug log. */
export type CompileCache = 'used' | 'missing' | 'rejected' | 'written' | 'off' | 'not bundled'

export async function loadSecondStage(env: NodeJS.ProcessEnv): Promise<{ main: Main; compileCache: () => CompileCache }> {
  const bundle = fileURLToPath(new URL('./main.bundle.cjs', import.meta.url))
  if (!existsSync(bundle)) {
    const { main } = await import('./main.js')
    return { main, compileCache: () => 'not bundled' }
  }
  // Read asynchronously: the port cli.ts bound answers health checks meanwhile.
  const cacheFile = cachePath(bundle, env)
  const [source, cachedData] = await Promise.all([readFile(bundle, 'utf8'), cacheFile ? readFile(cacheFile).catch(() => undefined) : undefined])
  // The CommonJS wrapper, as Node's loader adds it. The bundle has no dynamic import() (scripts/build.mjs
  // checks): run from the cache, Node 20 would find no loader for one.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  })
  const module = { exports: {} as { main: Main } }
  ;(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, dirname(bundle))
  let state: CompileCache = !cacheFile ? 'off' : !cachedData ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used'
  if (cacheFile && state !== 'used') {
    const write = () => {
      if (state !== 'written' && writeCache(cacheFile, script.createCachedData())) state = 'written'
    }
    // Soon after start, so the functions the start and the first requests compiled are in it too;
    // and at the latest on the way out, for a run stopped sooner (a test's, a benchmark's, --help).
    setTimeout(write, 100).unref()
    process.once('exit', write)
  }
  return { main: module.exports.main, compileCache: () => state }
}

/** The cache file for this bundle, Node and architecture; undefined when turned off or its folder is not safely ours. */
function cachePath(bundle: string, env: NodeJS.ProcessEnv): string | undefined {
  const setting = env.LAKEFS_EMULATOR_COMPILE_CACHE
  if (setting === '0' || setting === '') return undefined
  const uid = process.getuid?.()
  const folder = setting ?? join(tmpdir(), `lakefs-emulator-compile-cache${uid === undefined ? '' : `-${uid}`}`)
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 })
    // Compiled code is run as it is read: never from a folder another user could write to.
    const stat = statSync(folder)
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return undefined
    const { size, mtimeMs } = statSync(bundle)
    return join(folder, `${basename(bundle)}-${size}-${Math.trunc(mtimeMs)}-${process.version}-${process.arch}.v8cache`)
  } catch {
    return undefined
  }
}

/** Written whole or not at all (another process may be reading it); caches of older builds are removed. */
function writeCache(file: string, data: Buffer): boolean {
  try {
    const temp = `${file}.${process.pid}.tmp`
    writeFileSync(temp, data, { mode: 0o600 })
    renameSync(temp, file)
    const folder = dirname(file)
    const stem = `${basename(file).split('-')[0]}-`
    for (const old of readdirSync(folder)) if (old.startsWith(stem) && old.endsWith('.v8cache') && old !== basename(file)) rmSync(join(folder, old), { force: true })
    return true
  } catch {
    return false
  }
}
