# One image for the bot and the workers; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY commands ./commands
COPY locales ./locales
COPY models ./models
COPY assets ./assets
COPY src ./src
# MODEL downloads (docker-compose.yml mounts a volume here; a new volume takes this owner).
RUN mkdir -p /var/cache/gpt-tutor/models && chown node:node /var/cache/gpt-tutor/models
USER node
CMD ["node", "--import", "tsx", "src/main/worker.ts"]
