/**
 * The source tree as the architecture test reads it: every module under src/ with its imports
 * (relative ones resolved to files, packages by name, type-only ones marked), its line count and
 * its functions' lengths, from TypeScript's own parser.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

export const ROOT = resolve(import.meta.dirname, '../..')

export interface ModuleImport {
  /** `src/...ts` for a relative import, else the package name (`hono`, `node:fs`). */
  readonly target: string
  readonly typeOnly: boolean
  readonly line: number
}

export interface SourceModule {
  /** Repository-relative path, e.g. `src/api/lakefs/dto.ts`. */
  readonly path: string
  readonly lines: number
  readonly imports: readonly ModuleImport[]
  readonly functions: readonly { readonly name: string; readonly line: number; readonly lines: number }[]
  readonly text: string
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) sourceFiles(p, out)
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(p)
  }
  return out
}

function packageOf(spec: string): string {
  if (spec.startsWith('node:')) return spec
  const parts = spec.split('/')
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
}

function importsOf(file: string, source: ts.SourceFile): ModuleImport[] {
  const out: ModuleImport[] = []
  const add = (spec: string, typeOnly: boolean, node: ts.Node) => {
    const target = spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)).replace(/\.js$/, '.ts') : packageOf(spec)
    out.push({ target, typeOnly, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 })
  }
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)))
      add(node.moduleSpecifier.text, typeOnly, node)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly, node)
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0]!)) {
      add((node.arguments[0] as ts.StringLiteral).text, false, node)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return out
}

function functionsOf(source: ts.SourceFile): SourceModule['functions'] {
  const out: { name: string; line: number; lines: number }[] = []
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1
  const visit = (node: ts.Node): void => {
    if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessor(node)) && node.body) {
      const named = (node as { name?: ts.Node }).name
      const parent = node.parent
      const name = named ? named.getText(source) : ts.isVariableDeclaration(parent) ? parent.name.getText(source) : ts.isPropertyAssignment(parent) ? parent.name.getText(source) : '(anonymous)'
      const start = lineOf(node.getStart(source))
      out.push({ name, line: start, lines: lineOf(node.getEnd()) - start + 1 })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return out
}

export function readSourceTree(): SourceModule[] {
  return sourceFiles(join(ROOT, 'src')).map((file) => {
    const text = readFileSync(file, 'utf8')
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
    return {
      path: relative(ROOT, file),
      lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0),
      imports: importsOf(file, source),
      functions: functionsOf(source),
      text,
    }
  })
}
