/** Answers exactly as they come off a socket, for tests that compare a lane's bytes with a route's. */
import { request } from 'node:http'

/** The raw answer to a GET of `url`: status, header lines as sent (names as written, in order), body. */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; head: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url)
    const req = request({ host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, headers }, (res) => {
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => {
        const head: string[] = []
        for (let i = 0; i < res.rawHeaders.length; i += 2) head.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`)
        resolve({ status: res.statusCode!, head, body })
      })
    })
    req.on('error', reject)
    req.end()
  })
}
