# syntax=docker/dockerfile:1
# Build:  docker build -t stretchbot .
# Run:    docker run -d --name stretchbot -e TELEGRAM_BOT_TOKEN=... -v stretchbot-data:/data stretchbot

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The same script CI runs (.ci/run), so this step is tested.
RUN sh .ci/build-static /out/stretchbot && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/stretchbot /usr/local/bin/stretchbot
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV STRETCHBOT_DB=/data/stretchbot.db
VOLUME ["/data"]
ENTRYPOINT ["/usr/local/bin/stretchbot"]
