# Herald's API (REST, webhooks, the editor, the entry drainer), no worker inside: run workers from
# deploy/worker.Dockerfile. Build from the repository root:
#   docker build -f deploy/api.Dockerfile -t herald-api .
# Each step is a command that was run on a checkout as it is (docs/DEPLOY.md: "How the images were
# checked"); no Docker engine was available where they were written, so `docker build` itself was not run.

FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install --global --no-audit --no-fund pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm --filter @herald/editor build

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build --chown=node:node /app /app
# The image's unprivileged user (uid 1000); nothing here needs root.
USER node
ENV HOST=0.0.0.0 \
    PORT=3000 \
    HERALD_WORKER=off \
    HERALD_SANDBOX=off \
    HERALD_PRIVATE_TARGETS=refuse \
    HERALD_DATA_DIR=/tmp/herald
# Required at run time: DATABASE_URL, TEMPORAL_ADDRESS, HERALD_SECRET_KEY (see docs/DEPLOY.md).
EXPOSE 3000
# Liveness: restart a process that stopped answering. Send traffic on /health/ready (database and Temporal answer).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--import", "tsx", "scripts/start.ts"]
