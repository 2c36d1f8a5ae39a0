// The floor for the first real answer (section 4): a bare Hono app on @hono/node-server answering
// GET /api/v1/repositories with a body of the emulator's shape (one repository), as a fresh process.
// node bench/hono-first-answer.mjs --port <port>
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const port = Number(process.argv[process.argv.indexOf('--port') + 1])
const app = new Hono()
app.get('/api/v1/repositories', (c) =>
  c.json({
    pagination: { has_more: false, next_offset: '', results: 1, max_per_page: 1000 },
    results: [{ id: 'example', creation_date: 1705312800, default_branch: 'main', storage_id: '', storage_namespace: 's3://example-bucket/repos/example', read_only: false }],
  })
)
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' })
