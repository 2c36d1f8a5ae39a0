/**
 * Lua hooks on a real Lua VM: wasmoon, the reference Lua 5.4 compiled to WebAssembly (lakeFS runs
 * Shopify's go-lua, a Lua 5.2; gates written for it run here unless they rely on what 5.4 changed).
 * Each run gets a fresh state with the safe standard libraries, lakeFS's globals (`action`, `args`,
 * `username`) and the modules in prelude.ts; `lakefs` calls go to the emulator's own lakeFS API as the
 * hook's user, as lakeFS's Lua client calls its own handler. `error()` fails the hook.
 */
import { createRequire } from 'node:module'
import type { LuaFactory } from 'wasmoon'
import type * as Yaml from 'yaml'
import type { LuaHookInput, LuaHookRunner } from '../emulator/actions/hook-port.js'
import { PRELUDE } from './prelude.js'

/** The lakeFS API in process: a call and its status and body (JSON parsed, or text). */
export type LakeFSApiCall = (request: { method: string; path: string; query: Record<string, unknown>; body?: string; user: string }) => Promise<{ status: number; body: unknown }>

/** A Lua string literal holding `text` exactly (long brackets of a level the text does not use). */
function luaLiteral(text: string): string {
  let level = ''
  while (text.includes(`]${level}]`)) level += '='
  return `[${level}[\n${text}]${level}]`
}

/** Go's strings.Trim with a cutset, and strings.Replace (n < 0: all). */
function trim(s: string, cutset: string): string {
  const cut = new Set(cutset)
  let a = 0
  let b = s.length
  while (a < b && cut.has(s[a]!)) a++
  while (b > a && cut.has(s[b - 1]!)) b--
  return s.slice(a, b)
}

function replace(s: string, old: string, by: string, n: number): string {
  if (n < 0) return s.split(old).join(by)
  let out = s
  for (let i = 0, from = 0; i < n; i++) {
    const at = out.indexOf(old, from)
    if (at < 0) break
    out = out.slice(0, at) + by + out.slice(at + old.length)
    from = at + by.length
  }
  return out
}

export class LuaRunner implements LuaHookRunner {
  // Loaded on the first Lua hook: most runs never start a Lua VM, and the CLI starts faster without it.
  #factory: Promise<LuaFactory> | undefined

  constructor(
    private readonly api: LakeFSApiCall,
    /** Emulator time, epoch ms (Lua's time.now()). */
    private readonly now: () => number
  ) {}

  async run(input: LuaHookInput): Promise<{ output: string; error?: string }> {
    // require, not import(): the CLI's bundle runs from V8's code cache, where a dynamic import()
    // finds no loader on Node 20 ("A dynamic import callback was not specified").
    this.#factory ??= Promise.resolve().then(() => new (createRequire(import.meta.url)('wasmoon') as typeof import('wasmoon')).LuaFactory())
    const lua = await (await this.#factory).createEngine()
    let output = ''
    try {
      const g = lua.global
      g.set('print', (...values: unknown[]) => void (output += `${values.map((v) => (v === undefined ? 'nil' : String(v))).join('\t')}\n`))
      g.set('__lakefs', async (method: string, path: string, query: string, body: string) =>
        JSON.stringify(await this.api({ method, path, query: JSON.parse(query) as Record<string, unknown>, body: body || undefined, user: input.user }))
      )
      g.set('__strings_trim', trim)
      g.set('__strings_replace', replace)
      g.set('__path_join', (sep: string, parts: string) => (JSON.parse(parts) as string[]).filter((p) => p !== '').join(sep).replace(new RegExp(`${sep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}+`, 'g'), sep))
      g.set('__path_parse', (p: string) => {
        const i = p.lastIndexOf('/')
        return JSON.stringify({ parent: i < 0 ? '' : p.slice(0, i + 1), base_name: p.slice(i + 1) })
      })
      g.set('__path_is_hidden', (p: string, sep: string, prefix: string) => p.split(sep).some((part) => part.startsWith(prefix)))
      g.set('__regexp_match', (pattern: string, s: string) => new RegExp(pattern, 'u').test(s))
      g.set('__regexp_quote', (s: string) => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&'))
      g.set('__time_now', () => this.now() / 1000)
      // YAML loads with the first Lua run, as wasmoon does: a start never pays for either.
      const yaml = createRequire(import.meta.url)('yaml') as typeof Yaml
      g.set('__yaml_to_json', (text: string) => JSON.stringify(yaml.parse(text) ?? null))
      g.set('__json_to_yaml', (text: string) => yaml.stringify(JSON.parse(text)))
      // The sandbox lakeFS gives hooks: no processes, files or code loaded from disk.
      await lua.doString('os.execute, os.exit, os.remove, os.rename, os.getenv, io, dofile, loadfile = nil, nil, nil, nil, nil, nil, nil, nil')
      await lua.doString(PRELUDE)
      const json = (v: unknown) => `__json.unmarshal(${luaLiteral(JSON.stringify(v))})`
      await lua.doString(`action = ${json(input.action)}\nargs = ${json(input.args)}\nusername = ${luaLiteral(input.user)}`)
      // Loaded as lakeFS loads it (LuaRun: the chunk named "lua"), so errors read [string "lua"]:N: ...
      g.set('__script', input.script)
      await lua.doString('local f, err = load(__script, "lua")\nif not f then error(err, 0) end\n__script = nil\nreturn f()')
      return { output }
    } catch (err) {
      return { output, error: (err instanceof Error ? err.message : String(err)).split('\nstack traceback:')[0]! }
    } finally {
      lua.global.close()
    }
  }
}
