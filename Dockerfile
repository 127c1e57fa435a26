# syntax=docker/dockerfile:1
# Production image: `docker build -t recouvra .` (the default target, `runner`), then the same image runs the web
# app (`node dist/entry.mjs web`, the default command) and the worker (`node dist/entry.mjs worker`). Both go
# through lib/cli/entry.ts: refuse an unsafe production configuration, migrate, start. Never seeds.
# `--target demo` builds the image docker-compose.yml uses to try the product with demo data.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run db:generate && npm run build

# For trying the product: the full build with its dev packages (the demo seed uses faker).
FROM build AS demo
ENV HOSTNAME=0.0.0.0 PORT=3000
EXPOSE 3000
CMD ["node", "dist/entry.mjs", "web"]

FROM ${NODE_IMAGE} AS runner
WORKDIR /app
ENV NODE_ENV=production \
    RECOUVRA_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    RECOUVRA_STANDALONE_DIR=/app \
    STORAGE_DIR=/app/storage
RUN groupadd --system --gid 1001 recouvra \
 && useradd --system --uid 1001 --gid recouvra --home /app recouvra \
 && mkdir -p /app/storage && chown recouvra:recouvra /app/storage
# Production packages for the worker and the entry; the standalone server's traced subset lands on top of them.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma/migrations ./prisma/migrations
USER recouvra
EXPOSE 3000
VOLUME ["/app/storage"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/entry.mjs", "web"]
