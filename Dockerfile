# syntax=docker/dockerfile:1
# One image for every NetRaven role (gateway, projector, scheduler, device-comm); NETRAVEN_ROLES picks the roles.
FROM node:20-bookworm

# nodegit builds libgit2 from source during `npm ci` and needs Kerberos and OpenSSL headers.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libkrb5-dev libssl-dev \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Manifests first so the slow install (nodegit) stays cached while only sources change;
# a new workspace needs its line here.
COPY package.json package-lock.json ./
COPY domain/package.json domain/
COPY infra/package.json infra/
COPY projections/package.json projections/
COPY services/device-comm/package.json services/device-comm/
COPY services/device-lab/package.json services/device-lab/
COPY services/gateway/package.json services/gateway/
COPY services/netraven/package.json services/netraven/
COPY services/scheduler/package.json services/scheduler/
COPY web/package.json web/
RUN npm ci

# Sources without the build context's node_modules and build outputs, which would shadow the ones
# installed above (BuildKit bind mount: nothing of the context lands in a layer). A .dockerignore with
# the same entries would also shrink the context sent to the builder.
RUN --mount=type=bind,target=/tmp/src \
    tar -C /tmp/src -cf - --exclude=node_modules --exclude=dist --exclude='*.tsbuildinfo' --exclude=.git \
      --exclude=coverage --exclude=.turbo --exclude=.netraven --exclude=.test-results . \
    | tar -C /app -xf - \
 && npx tsc -b \
 && npm run build -w web

ENV HOST=0.0.0.0 \
    PORT=4000 \
    NETRAVEN_DATA_DIR=/data
EXPOSE 4000
CMD ["node", "services/netraven/bin/netraven.mjs", "start"]
