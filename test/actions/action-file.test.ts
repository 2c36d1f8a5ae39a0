/** Action files read and validated as pkg/actions/action.go does, and branch patterns as Go's path.Match. */
import { describe, expect, it } from 'vitest'
import { matchesEvent, parseAction } from '../../src/emulator/actions/action-file.js'
import { goPathPattern } from '../../src/emulator/actions/glob.js'
import { goDurationMs } from '../../src/emulator/actions/webhook-hook.js'
import { evalHookIf } from '../../src/emulator/actions/hook-if.js'

const hook = '\nhooks:\n  - id: check\n    type: webhook\n    properties:\n      url: http://x\n'

describe('action files', () => {
  it('reads name, events with branch patterns, and hooks; ignores keys lakeFS does not know', () => {
    const a = parseAction(`name: gate\ndescription: d\nunknown: 1\non:\n  pre-commit:\n    branches: [main, "release-*"]\n  post-merge:${hook}`)
    expect([a.name, [...a.on], a.hooks.map((h) => [h.id, h.type, h.properties])]).toEqual([
      'gate',
      [['pre-commit', ['main', 'release-*']], ['post-merge', []]],
      [['check', 'webhook', { url: 'http://x' }]],
    ])
    expect([matchesEvent(a, 'pre-commit', 'release-1'), matchesEvent(a, 'pre-commit', 'dev'), matchesEvent(a, 'post-merge', 'dev'), matchesEvent(a, 'post-commit', 'main')]).toEqual([true, false, true, false])
  })

  it.each([
    ['on:\n  pre-commit:' + hook, "'name' is required: invalid action"],
    ['name: "!bad"\non:\n  pre-commit:' + hook, "'name' is invalid: invalid action"],
    ['name: a b' + hook, "'on' is required: invalid action"],
    ['name: ab\non:\n  pre-push:' + hook, "event 'pre-push' is not supported: invalid action"],
    ['name: ab\non:\n  pre-create-tag:\n    branches: [main]' + hook, "'branches' is not supported in tag event types. invalid event parameter"],
    ['name: ab\non:\n  pre-commit:\nhooks:\n  - type: webhook', 'hook[0] missing ID: invalid action'],
    ['name: ab\non:\n  pre-commit:\nhooks:\n  - id: h1\n    type: webhook\n  - id: h1\n    type: lua', "hook[1] duplicate ID 'h1': invalid action"],
    ['name: ab\non: [', expect.stringMatching(/^yaml: /)],
  ])('refuses %j: %s', (text, message) => {
    expect(() => parseAction(text)).toThrow(expect.objectContaining({ message }))
  })
})

describe("Go's path.Match and durations", () => {
  it.each([
    ['main', 'main', true], ['ma*', 'main', true], ['*', 'a/b', false], ['r-?', 'r-1', true], ['r-[0-9]', 'r-7', true],
    ['r-[^0-9]', 'r-7', false], ['a\\*', 'a*', true], ['feature/*', 'feature/x', true], ['feature/*', 'feature/x/y', false],
  ])('%s matches %s: %s', (pattern, name, expected) => {
    expect(goPathPattern(pattern)!.test(name)).toBe(expected)
  })

  it('reads Go durations and refuses the rest', () => {
    expect(['30s', '1m30s', '500ms', '1.5h', '0', 'soon', '10'].map(goDurationMs)).toEqual([30_000, 90_000, 500, 5_400_000, 0, undefined, undefined])
  })
})

describe("a hook's if", () => {
  it.each([
    ['success()', false, true], ['success()', true, false], ['failure()', true, true], ['!failure()', false, true],
    ['success() || failure()', true, true], ['failure() && false', true, false], ['not (failure() and true)', false, true],
  ])('%s with an earlier failure %s: %s', (expression, failed, expected) => {
    expect(evalHookIf(expression, failed)).toBe(expected)
  })

  it('refuses what it does not evaluate', () => {
    expect(() => evalHookIf('env.X == "1"', false)).toThrow(/is not one the emulator evaluates/)
  })
})
