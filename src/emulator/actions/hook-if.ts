/**
 * A hook's `if` (service.go runHookIfEval, an antonmedv/expr expression over `success()` and
 * `failure()`): the part of expr's language such conditions use, `true`, `false`, `!`/`not`,
 * `&&`/`and`, `||`/`or` and parentheses. Anything else is an error that fails the hook.
 */

/** Whether to run the hook, given whether an earlier hook of its action failed. */
export function evalHookIf(expression: string, actionFailed: boolean): boolean {
  const tokens = expression.match(/success\(\)|failure\(\)|true|false|not|and|or|&&|\|\||!|\(|\)|\S+/g) ?? []
  let i = 0
  const peek = () => tokens[i]
  const fail = (): never => {
    throw new Error(`hook 'if' expression ${JSON.stringify(expression)} is not one the emulator evaluates (success(), failure(), true, false, !, &&, ||, parentheses)`)
  }
  const atom = (): boolean => {
    const t = tokens[i++]
    if (t === 'success()') return !actionFailed
    if (t === 'failure()') return actionFailed
    if (t === 'true') return true
    if (t === 'false') return false
    if (t === '!' || t === 'not') return !atom()
    if (t === '(') {
      const v = or()
      if (tokens[i++] !== ')') fail()
      return v
    }
    return fail()
  }
  const and = (): boolean => {
    let v = atom()
    while (peek() === '&&' || peek() === 'and') {
      i++
      v = atom() && v
    }
    return v
  }
  const or = (): boolean => {
    let v = and()
    while (peek() === '||' || peek() === 'or') {
      i++
      v = and() || v
    }
    return v
  }
  const result = or()
  if (i !== tokens.length) fail()
  return result
}
