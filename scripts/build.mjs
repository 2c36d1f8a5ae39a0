#!/usr/bin/env node
// Builds dist/ from nothing: a stale file left by an older build would otherwise be packed and shipped.
// tsc compiles src/; the dashboard page is not TypeScript, so it is copied beside its server code.
// Then the CLI's second stage (dist/cli/main.js, loaded once cli.js holds the port) is bundled with its
// dependencies into dist/cli/main.bundle.cjs, which cli.js loads instead: resolving and opening ~500
// small modules was most of the time to the first real answer (issue 22). The library (dist/index.js)
// stays as tsc wrote it.
import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

process.chdir(fileURLToPath(new URL('..', import.meta.url)))
rmSync('dist', { recursive: true, force: true })
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const { status } = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' })
if (status !== 0) process.exit(status ?? 1)
cpSync('src/dashboard/dashboard.html', 'dist/dashboard/dashboard.html')

// zod's namespace carries every locale's messages (a fifth of the bundle); we only use English.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (args.importer.includes('/node_modules/zod/') ? { path: 'en', namespace: 'zod-locales' } : undefined))
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({ contents: "export { default as en } from 'zod/v4/locales/en.js'", resolveDir: process.cwd() }))
  },
}

await build({
  entryPoints: ['dist/cli/main.js'],
  outfile: 'dist/cli/main.bundle.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  // CommonJS, so that src/cli/second-stage.ts can compile it with V8's code cache (vm.Script).
  format: 'cjs',
  // Loaded on first use, from node_modules: wasmoon for a Lua hook (and it reads its own files),
  // faker's word list for generated content.
  external: ['wasmoon', '@faker-js/faker'],
  // Every module's import.meta.url is the bundle's (src/util/package-files.ts finds files from any).
  define: { 'import.meta.url': '__bundle_url' },
  banner: { js: "var __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [zodEnglishOnly],
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
})
// Node 20 has no loader for a dynamic import() in code run from V8's cache (Lua hooks answered 500).
if (/\bimport\(/.test(readFileSync('dist/cli/main.bundle.cjs', 'utf8'))) {
  console.error('dist/cli/main.bundle.cjs has a dynamic import(): it fails when run from the compile cache; require it instead')
  process.exit(1)
}

// The first stage (cli.js and second-stage.js, built-ins only) as CommonJS too, and dist/cli.js a shim
// that requires it: an ES module entry with imports costs Node's ESM loader (each built-in a facade)
// some 5-10 ms before the port is bound. The shim has no import; process.getBuiltinModule is Node 20.16+.
await build({
  entryPoints: ['dist/cli.js'],
  outfile: 'dist/cli/lakefs-emulator.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Only without the bundle (never in a build), relative to dist/cli/ as in second-stage.js.
  external: ['./main.js'],
  define: { 'import.meta.url': '__bundle_url' },
  banner: { js: "var __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
  legalComments: 'none',
  logLevel: 'warning',
})
writeFileSync(
  'dist/cli.js',
  [
    '#!/usr/bin/env node',
    '// The lakefs-emulator command: src/cli.ts, bundled as CommonJS into cli/lakefs-emulator.cjs by scripts/build.mjs.',
    "process.getBuiltinModule('node:module').createRequire(import.meta.url)('./cli/lakefs-emulator.cjs')",
    '',
  ].join('\n')
)
chmodSync('dist/cli.js', 0o755)
