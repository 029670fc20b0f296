# Grafana with the DASMO datasource plugin: the plugin is built with Node (create-plugin's
# webpack build) and its dist/ copied where Grafana loads plugins from. The plugin is unsigned:
# docker-compose.yml allows it by id (GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS).
FROM node:20-bookworm-slim AS plugin
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY .config ./.config
COPY tsconfig.json .cprc.json README.md CHANGELOG.md LICENSE ./
COPY src ./src
RUN npm run build

FROM grafana/grafana:12.4.2
COPY --from=plugin /build/dist /var/lib/grafana/plugins/inps-dasmo-datasource
