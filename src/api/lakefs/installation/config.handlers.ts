/** Handlers for health, setup and configuration. */
import type { z } from '@hono/zod-openapi'
import { describeBlockstore } from '../../../emulator/blockstore.js'
import type { Emulator } from '../../../emulator/emulator.js'
import { authenticated, signedIn } from '../auth.js'
import type { CommPrefs } from '../../../emulator/catalog/installation.js'
import { errors } from '../../../emulator/errors.js'
import { validateEmail } from './email.js'
import type * as routes from './config.routes.js'
import type { LakeFSHandler } from '../create-router.js'
import { seconds } from '../dto.js'
import type { StorageConfigSchema } from '../schemas.js'

/** The lakeFS release whose API (api/swagger.yml) the emulator follows. */
export const LAKEFS_VERSION = '1.70.0'

export const healthCheck: LakeFSHandler<typeof routes.healthCheck> = (c) => c.body(null, 204)

export const getSetupState: LakeFSHandler<typeof routes.getSetupState> = (c) =>
  c.json(
    {
      state: c.var.emulator.auth.initialized ? ('initialized' as const) : ('not_initialized' as const),
      comm_prefs_missing: c.var.emulator.installation.commPrefsMissing(c.var.emulator.auth.initialized),
      login_config: {
        // lakeFS OSS's default auth.ui_config.rbac (pkg/config/defaults.go), which every auth operation here follows.
        RBAC: 'none' as const,
        login_url: '',
        login_cookie_names: ['internal_auth_session'],
        logout_url: '/logout',
      },
    },
    200
  )

/** controller.go Setup: the name, then whether lakeFS is set up already, then the email when one is given. */
export const setup: LakeFSHandler<typeof routes.setup> = (c) => {
  const emulator = c.var.emulator
  const body = c.req.valid('json')
  emulator.auth.checkSetup(body.username)
  const prefs = body.email ? commPrefs(body) : undefined
  const key = body.key && { accessKeyId: body.key.access_key_id, secretAccessKey: body.key.secret_access_key }
  const credential = emulator.auth.setup(body.username, emulator.clock.now(), key)
  emulator.installation.recordSetup(prefs)
  return c.json(
    {
      access_key_id: credential.accessKeyId,
      secret_access_key: credential.secretAccessKey,
      creation_date: seconds(credential.creationDate),
    },
    200
  )
}

export const getConfig: LakeFSHandler<typeof routes.getConfig> = (c) => {
  authenticated(c)
  return c.json(
    {
      version_config: versionConfig(),
      storage_config: storageConfig(c.var.emulator, c.var.presigner.enabled(c.var.emulator.blockstore)),
      // A single unnamed blockstore: lakeFS sends an empty list (controller.go getStorageConfigs).
      storage_config_list: [],
      ui_config: {},
      capabilities_config: {},
    },
    200
  )
}

export const getLakeFSVersion: LakeFSHandler<typeof routes.getLakeFSVersion> = (c) => {
  authenticated(c)
  return c.json(versionConfig(), 200)
}

export const getStorageConfig: LakeFSHandler<typeof routes.getStorageConfig> = (c) => {
  authenticated(c)
  return c.json(storageConfig(c.var.emulator, c.var.presigner.enabled(c.var.emulator.blockstore)), 200)
}

function storageConfig(emulator: Emulator, preSign: boolean): z.infer<typeof StorageConfigSchema> {
  const d = describeBlockstore(emulator.blockstore)
  return {
    blockstore_id: '',
    blockstore_type: d.blockstoreType,
    blockstore_description: '',
    blockstore_namespace_example: d.namespaceExample,
    blockstore_namespace_ValidityRegex: d.namespaceValidityRegex,
    default_namespace_prefix: d.defaultNamespacePrefix,
    // As the S3 adapter says (controller.go getStorageConfig): pre-signed URLs point at the fake store's endpoint.
    pre_sign_support: preSign,
    pre_sign_support_ui: preSign,
    pre_sign_multipart_upload: preSign,
    import_support: d.importSupport,
    import_validity_regex: d.importValidityRegex,
  }
}

/** The preferences a body gives, once its email passes lakeFS's check. */
function commPrefs(body: { email?: string; firstName?: string; lastName?: string; companyName?: string; featureUpdates?: boolean }): CommPrefs {
  const email = body.email ?? ''
  validateEmail(email)
  return { email, firstName: body.firstName, lastName: body.lastName, companyName: body.companyName, featureUpdates: body.featureUpdates ?? false }
}

/** controller.go SetupCommPrefs: once, after setup, with an email lakeFS takes; 200 without a body. */
export const setupCommPrefs: LakeFSHandler<typeof routes.setupCommPrefs> = (c) => {
  const emulator = c.var.emulator
  const body = c.req.valid('json')
  emulator.installation.setCommPrefs(emulator.auth.initialized, () => commPrefs(body))
  return c.body(null, 200)
}

/** controller.go PostStatsEvents: each event is checked, then collected (the emulator keeps none). */
export const postStatsEvents: LakeFSHandler<typeof routes.postStatsEvents> = (c) => {
  authenticated(c)
  for (const event of c.req.valid('json').events) {
    if (event.class === '') throw errors.invalid('invalid value: class is required')
    if (event.name === '') throw errors.invalid('invalid value: name is required')
    if (event.count < 0) throw errors.invalid('invalid value: count must be a non-negative integer')
  }
  return c.body(null, 204)
}

/**
 * controller.go GetUsageReportSummary: the installation's counts by month (API actions and gateway
 * requests), as JSON or, for `Accept: text/plain`, as lakeFS's text table.
 */
export const getUsageReportSummary: LakeFSHandler<typeof routes.getUsageReportSummary> = (c) => {
  const { emulator } = signedIn(c)
  const { id } = emulator.installation
  const reports = emulator.installation.usage()
  if (c.req.header('Accept') === 'text/plain') {
    const lines = reports.map((r) => `${r.year}-${String(r.month).padStart(2, '0')}: ${String(r.count).padStart(12)}\n`)
    return c.body(`Usage for installation ID: ${id}\n${lines.join('')}`, 200, { ...KEEP_PRIVATE, 'Content-Type': 'text/plain; charset=utf-8' }) as never
  }
  return c.json({ installation_id: id, reports }, 200)
}

/** httputil.KeepPrivate: the headers lakeFS sets on an answer that is not JSON. */
const KEEP_PRIVATE = {
  'Cache-Control': 'no-store, must-revalidate',
  Expires: '0',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
  'Content-Security-Policy': "default-src 'none'",
}

/** controller.go GetGarbageCollectionConfig: the grace period is catalog.LinkAddressTime, 24 hours. */
export const getGarbageCollectionConfig: LakeFSHandler<typeof routes.getGarbageCollectionConfig> = (c) => {
  authenticated(c)
  return c.json({ grace_period: 24 * 3600 }, 200)
}

const versionConfig = () => ({ version: LAKEFS_VERSION, version_context: 'lakefs-emulator' })
