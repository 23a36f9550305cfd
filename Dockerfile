# The UnionCase API, for a deployment with an external PostgreSQL (DATABASE_URL) and, optionally,
# EventStoreDB/KurrentDB (EVENT_STORE=eventstoredb, EVENTSTOREDB_URL). Used by infra/eventstoredb/docker-compose.yml
# and the image the Kubernetes manifests in infra/kubernetes name. Not built or run on the machines this was written on.
#
# Debian (glibc), not Alpine: the KurrentDB client's native bridge (@kurrent/bridge-linux-x64-gnu) and
# @node-rs/argon2 are prebuilt add-ons. musl builds of both exist, but only the glibc ones are exercised by the tests.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY infra/migrations infra/migrations
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# package.json carries the "#event-store" etc. import map the built code resolves through.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
