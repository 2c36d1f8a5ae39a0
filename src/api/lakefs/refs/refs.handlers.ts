/** Handlers for repositories, branches and commits. */
import { pageAmount } from '../../../emulator/catalog/pagination.js'
import { authenticated, signedIn } from '../auth.js'
import { toCommit, toPagination, toRepository } from '../dto.js'
import type * as routes from './refs.routes.js'
import type { LakeFSHandler } from '../create-router.js'

export const listRepositories: LakeFSHandler<typeof routes.listRepositories> = (c) => {
  const { emulator } = signedIn(c)
  const q = c.req.valid('query')
  const page = emulator.refs.listRepositories({ prefix: q.prefix, after: q.after, amount: pageAmount(q.amount) })
  return c.json({ pagination: toPagination(page), results: page.results.map(toRepository) }, 200)
}

export const createRepository: LakeFSHandler<typeof routes.createRepository> = (c) => {
  const { emulator } = signedIn(c)
  const body = c.req.valid('json')
  const repo = emulator.refs.createRepository({
    name: body.name,
    storageNamespace: body.storage_namespace,
    defaultBranch: body.default_branch,
    readOnly: body.read_only,
    storageId: body.storage_id,
    bare: c.req.valid('query').bare,
  })
  return c.json(toRepository(repo), 201)
}

export const getRepository: LakeFSHandler<typeof routes.getRepository> = (c) => {
  const { emulator } = signedIn(c)
  return c.json(toRepository(emulator.refs.getRepository(c.req.valid('param').repository)), 200)
}

export const deleteRepository: LakeFSHandler<typeof routes.deleteRepository> = (c) => {
  const { emulator } = signedIn(c)
  emulator.deleteRepository(c.req.valid('param').repository)
  return c.body(null, 204)
}

export const getRepositoryMetadata: LakeFSHandler<typeof routes.getRepositoryMetadata> = (c) => {
  const { emulator } = signedIn(c)
  return c.json(emulator.refs.repositoryMetadata(c.req.valid('param').repository), 200)
}

export const listBranches: LakeFSHandler<typeof routes.listBranches> = (c) => {
  const { emulator } = signedIn(c)
  const q = c.req.valid('query')
  const page = emulator.refs.listBranches(c.req.valid('param').repository, {
    prefix: q.prefix,
    after: q.after,
    amount: pageAmount(q.amount),
    showHidden: q.show_hidden,
  })
  const results = page.results.map((b) => ({ id: b.name, commit_id: b.head }))
  return c.json({ pagination: toPagination(page), results }, 200)
}

export const createBranch: LakeFSHandler<typeof routes.createBranch> = async (c) => {
  const { emulator, user } = signedIn(c)
  const body = c.req.valid('json')
  const branch = await emulator.hooked.createBranch(c.req.valid('param').repository, body.name, body.source, { hidden: body.hidden, user })
  return c.text(branch.head, 201, { 'Content-Type': 'text/html' })
}

export const getBranch: LakeFSHandler<typeof routes.getBranch> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  const b = emulator.refs.getBranch(repository, branch)
  return c.json({ id: b.name, commit_id: b.head }, 200)
}

export const deleteBranch: LakeFSHandler<typeof routes.deleteBranch> = async (c) => {
  const { emulator, user } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  await emulator.hooked.deleteBranch(repository, branch, user)
  return c.body(null, 204)
}

export const getCommit: LakeFSHandler<typeof routes.getCommit> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, commitId } = c.req.valid('param')
  return c.json(toCommit(emulator.refs.getCommit(repository, commitId)), 200)
}

export const setRepositoryMetadata: LakeFSHandler<typeof routes.setRepositoryMetadata> = (c) => {
  const { emulator } = signedIn(c)
  emulator.refs.setRepositoryMetadata(c.req.valid('param').repository, c.req.valid('json').metadata)
  return c.body(null, 204)
}

export const deleteRepositoryMetadata: LakeFSHandler<typeof routes.deleteRepositoryMetadata> = (c) => {
  const { emulator } = signedIn(c)
  emulator.refs.deleteRepositoryMetadata(c.req.valid('param').repository, c.req.valid('json').keys)
  return c.body(null, 204)
}

export const getBranchProtectionRules: LakeFSHandler<typeof routes.getBranchProtectionRules> = (c) => {
  const { emulator } = authenticated(c)
  const { patterns, etag } = emulator.refs.protectionRules(c.req.valid('param').repository)
  return c.json(patterns.map((pattern) => ({ pattern })), 200, { ETag: etag })
}

export const setBranchProtectionRules: LakeFSHandler<typeof routes.setBranchProtectionRules> = (c) => {
  const { emulator } = signedIn(c)
  const rules = c.req.valid('json')
  const ifMatch = c.req.valid('header')['If-Match']
  emulator.refs.setProtectionRules(c.req.valid('param').repository, rules.map((r) => r.pattern), ifMatch || undefined)
  return c.body(null, 204)
}
