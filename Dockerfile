# syntax=docker/dockerfile:1
# Build:  docker build -t stretchbot .
# Run:    docker run -d --name stretchbot -e TELEGRAM_BOT_TOKEN=... -v stretchbot-data:/data -p 127.0.0.1:9090:9090 stretchbot
# (cmd/stretchbot's TestDockerfile checks this file's shape.)

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The same script CI runs (.ci/run), so this step is tested.
RUN sh .ci/build-static /out/stretchbot && mkdir -p -m 0700 /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/stretchbot /usr/local/bin/stretchbot
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV STRETCHBOT_DB=/data/stretchbot.db \
    STRETCHBOT_METRICS_ADDR=:9090
VOLUME ["/data"]
# /metrics, /healthz and /readyz; publish it only to a private network.
EXPOSE 9090
# The binary checks itself: distroless has no shell and no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/usr/local/bin/stretchbot", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/stretchbot"]
