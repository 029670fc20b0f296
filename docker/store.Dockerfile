# The ammortizzatori store: the `dasmo` CLI (serve, watch, seed, users) and the Grafana access
# job, on Node 20 as in development. Used by the store, loader and access services.
FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production TZ=Europe/Rome

COPY package.json package-lock.json ./
# Runtime dependencies only; install scripts are not needed by the store.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

COPY bin ./bin
COPY store ./store
COPY src/model ./src/model
COPY provisioning/access ./provisioning/access
COPY docker/store-start.sh ./docker/store-start.sh

# The store never runs as root; the inbox and the embedded database belong to this user.
RUN mkdir -p /inbox /app/data && chown -R node:node /inbox /app/data
USER node

EXPOSE 8080
CMD ["sh", "docker/store-start.sh"]
