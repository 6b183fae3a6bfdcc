# A Herald worker (Temporal workflows and activities: audience pages, quotas, the delivery ledger,
# provider calls). Run as many as the load needs, on any machine. Build from the repository root:
#   docker build -f deploy/worker.Dockerfile -t herald-worker .
# Each step is a command that was run on a checkout as it is (docs/DEPLOY.md: "How the images were
# checked"); no Docker engine was available where they were written, so `docker build` itself was not run.

FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install --global --no-audit --no-fund pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile
# The workflow bundle, built once here instead of at every worker start (.cache/workflow-bundle/).
RUN node --import tsx scripts/bundle-workflows.ts

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
ENV HOST=0.0.0.0 \
    HERALD_METRICS_PORT=9464 \
    HERALD_PRIVATE_TARGETS=refuse
# Required at run time: DATABASE_URL, TEMPORAL_ADDRESS, HERALD_SECRET_KEY (see docs/DEPLOY.md).
# 9464 serves /metrics, /health/live and /health/ready; the worker itself only makes outbound calls.
EXPOSE 9464
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HERALD_METRICS_PORT||9464)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--import", "tsx", "scripts/worker.ts"]
