/** Handlers for health, setup and configuration. */
import type { z } from '@hono/zod-openapi'
import { describeBlockstore } from '../../emulator/blockstore.js'
import type { Emulator } from '../../emulator/emulator.js'
import { signedIn } from './auth.js'
import type * as routes from './config.routes.js'
import type { LakeFSHandler } from './create-router.js'
import { seconds } from './dto.js'
import type { StorageConfigSchema } from './schemas.js'

/** The lakeFS release whose API (api/swagger.yml) the emulator follows. */
export const LAKEFS_VERSION = '1.70.0'

export const healthCheck: LakeFSHandler<typeof routes.healthCheck> = (c) => c.body(null, 204)

export const getSetupState: LakeFSHandler<typeof routes.getSetupState> = (c) =>
  c.json(
    {
      state: c.var.emulator.auth.initialized ? ('initialized' as const) : ('not_initialized' as const),
      comm_prefs_missing: false,
      login_config: {
        RBAC: 'simplified' as const,
        login_url: '',
        login_cookie_names: ['internal_auth_session'],
        logout_url: '/logout',
      },
    },
    200
  )

export const setup: LakeFSHandler<typeof routes.setup> = (c) => {
  const emulator = c.var.emulator
  const body = c.req.valid('json')
  const key = body.key && { accessKeyId: body.key.access_key_id, secretAccessKey: body.key.secret_access_key }
  const credential = emulator.auth.setup(body.username, emulator.clock.now(), key)
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
  signedIn(c)
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
  signedIn(c)
  return c.json(versionConfig(), 200)
}

export const getStorageConfig: LakeFSHandler<typeof routes.getStorageConfig> = (c) => {
  signedIn(c)
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

const versionConfig = () => ({ version: LAKEFS_VERSION, version_context: 'lakefs-emulator' })
