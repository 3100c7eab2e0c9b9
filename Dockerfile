# Multi-stage build: compile the service into one binary, ship it on a minimal
# non-root runtime image. Build: docker build -t logging-audit-service .
FROM denoland/deno:2.9.6 AS build
WORKDIR /src
# Dependencies first: this layer is rebuilt only when deno.json or deno.lock change.
COPY deno.json deno.lock ./
RUN deno install --frozen
COPY . .
RUN deno task compile

FROM gcr.io/distroless/cc-debian12:nonroot
WORKDIR /app
COPY --from=build /src/dist/logging-audit /app/logging-audit
# Embedded-mode data and generated development keys; mount a volume (or set
# DATABASE_URL and the key settings) so the root filesystem can stay read-only.
ENV DATA_DIR=/data PORT=8080 APP_ENV=production
VOLUME ["/data"]
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/app/logging-audit"]
