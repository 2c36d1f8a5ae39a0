/**
 * The dashboard: `GET /` with an Accept header that asks for HTML gets one self-contained page
 * (src/dashboard/dashboard.html) that polls the control API. lakeFS serves its web UI at `/` too;
 * any other Accept keeps the 404 an API client would expect.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Context } from 'hono'
import { codeFolder, packageFile } from '../../util/package-files.js'

interface Page {
  readonly html: string
  readonly headers: Record<string, string>
}

let page: Page | undefined

/** Read once: the page is a file beside the code (src/dashboard or dist/dashboard). */
function loadPage(): Page {
  if (page) return page
  const html = readFileSync(packageFile(codeFolder(), 'dashboard', 'dashboard.html'), 'utf8')
  // The page's inline script and style are allowed by hash and nothing else is, so a repository
  // name or commit message that slipped into the markup could not run.
  const hashes = (tag: string) =>
    [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`).join(' ')
  page = {
    html,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; script-src ${hashes('script')}; style-src ${hashes('style')}; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  }
  return page
}

/** Does the client prefer a page (a browser), rather than JSON (an API client)? */
export function wantsHtml(c: Context): boolean {
  return /\btext\/html\b/i.test(c.req.header('Accept') ?? '')
}

export function serveDashboard(c: Context): Response {
  const { html, headers } = loadPage()
  return c.body(html, 200, headers)
}
