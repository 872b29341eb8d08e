# One image for every role; choose it with ROLE (bot, worker, server, payouts) or `--role`, and
# `--migrate` for the one-shot migration (see docker-compose.yml).
FROM node:20-bookworm-slim

# ffmpeg and ffprobe grade recordings; tini is PID 1: it passes SIGTERM and SIGINT on to node
# and reaps the ffmpeg children that end while node is busy.
RUN apt-get update \
  && apt-get install -y --no-install-recommends ffmpeg tini \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app
ENV NODE_ENV=production
# Dependencies first (the postinstall script generates the Prisma client from prisma/), so that
# code changes reuse this layer. The image runs no build tools: dev dependencies stay out. As in
# .ci/run: where npm ci refuses the lock (it lacks litesvm's binaries for other platforms, a dev
# dependency), npm install installs from the same lock.
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN (npm ci --omit=dev --no-audit --no-fund || npm install --omit=dev --no-audit --no-fund) \
  && npm cache clean --force
COPY . .

# DATA_DIR: a volume that the server, the bot and the workers share (recordings, scratch).
RUN mkdir -p /data && chown node:node /data
ENV HOST=0.0.0.0 DATA_DIR=/data
USER node
EXPOSE 3000

# node runs the app itself (tsx is a loader inside that process, not a wrapper around it), so
# `docker stop` reaches the app's own shutdown, which finishes within 15 s.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--import", "tsx", "app/main.ts"]
