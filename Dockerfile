# lakefs-emulator: multi-stage build; the runtime image has only production dependencies,
# the compiled JavaScript and the scenarios, and runs as a non-root user.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
# `npm ci` runs the `prepare` script, which builds dist/ (scripts/build.mjs: tsc, the dashboard page, and the
# CLI bundled by esbuild into dist/cli/main.bundle.cjs).
RUN npm ci --no-audit --no-fund
COPY scenarios ./scenarios
RUN node dist/cli.js --help > /dev/null

FROM node:20-slim AS runtime
# 8000: the lakeFS API and its S3 gateway; 9000: the fake object store's S3 endpoint (as MinIO);
# 4443: its GCS JSON API (as fake-gcs-server); 10000: its Azure Blob endpoint (as Azurite).
# A container must bind 0.0.0.0 to be reachable through a published port. The control API is then
# open to whoever can reach that port (your CI network); set LAKEFS_EMULATOR_CONTROL_TOKEN to lock it.
ENV NODE_ENV=production \
    LAKEFS_EMULATOR_HOST=0.0.0.0 \
    LAKEFS_EMULATOR_PORT=8000 \
    LAKEFS_EMULATOR_S3_PORT=9000 \
    LAKEFS_EMULATOR_GCS_PORT=4443 \
    LAKEFS_EMULATOR_AZURE_PORT=10000 \
    LAKEFS_EMULATOR_ALLOW_OPEN_CONTROL=true
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY scenarios ./scenarios
COPY README.md LICENSE ./
USER node
EXPOSE 8000 9000 4443 10000
HEALTHCHECK --interval=5s --timeout=2s --start-period=5s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.LAKEFS_EMULATOR_PORT || 8000) + '/_health').then(r => process.exit(r.status === 204 ? 0 : 1), () => process.exit(1))"
# Mount your own scenarios at /scenarios and pass `--scenario /scenarios/<name>.json`.
VOLUME ["/scenarios"]
ENTRYPOINT ["node", "dist/cli/lakefs-emulator.cjs"]
CMD []
