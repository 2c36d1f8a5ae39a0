/** The health, setup and configuration operations' router: each lakeFS route with its handler. */
import * as handlers from './config.handlers.js'
import * as routes from './config.routes.js'
import { createRouter } from '../create-router.js'

/** Registers the group's routes on `router` (one router holds all of lakeFS's: each route is added once). */
export function createConfigRouter(router = createRouter()) {
  return router
    .openapi(routes.healthCheck, handlers.healthCheck)
    .openapi(routes.getSetupState, handlers.getSetupState)
    .openapi(routes.setup, handlers.setup)
    .openapi(routes.getConfig, handlers.getConfig)
    .openapi(routes.getLakeFSVersion, handlers.getLakeFSVersion)
    .openapi(routes.getStorageConfig, handlers.getStorageConfig)
    .openapi(routes.getGarbageCollectionConfig, handlers.getGarbageCollectionConfig)
    .openapi(routes.setupCommPrefs, handlers.setupCommPrefs)
    .openapi(routes.postStatsEvents, handlers.postStatsEvents)
    .openapi(routes.getUsageReportSummary, handlers.getUsageReportSummary)
}
