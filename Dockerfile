# syntax=docker/dockerfile:1.7
#
# The service as one compiled binary on a minimal, non-root, shell-less runtime image.
#
#   docker build -t logging-audit-service:0.1.0 \
#     --build-arg VERSION=0.1.0 --build-arg REVISION="$(git rev-parse HEAD)" \
#     --build-arg CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)" .
#
# Base images are pinned by tag. For a release, pin them by digest too — the
# placeholders below stay empty until then:
#   --build-arg DENO_DIGEST=@sha256:<digest of denoland/deno:2.9.6>
#   --build-arg RUNTIME_DIGEST=@sha256:<digest of gcr.io/distroless/cc-debian12:nonroot>
# (`docker buildx imagetools inspect <image>` prints a digest.)
ARG DENO_DIGEST=""
ARG RUNTIME_DIGEST=""

# --- build: the official Deno image compiles the binary ------------------------------------
FROM denoland/deno:2.9.6${DENO_DIGEST} AS build
WORKDIR /src
# Dependencies first: this layer is rebuilt only when deno.json or deno.lock change.
COPY deno.json deno.lock ./
RUN deno install --frozen
COPY . .
# `deno task compile` includes the migrations and the production worker (and no test worker)
# and grants the binary only net, env, read, write and sys.
RUN deno task compile \
  && mkdir -p /out/data \
  && cp dist/logging-audit /out/logging-audit

# --- runtime: glibc and CA certificates, no shell, no package manager ----------------------
FROM gcr.io/distroless/cc-debian12:nonroot${RUNTIME_DIGEST}
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="logging-audit-service" \
      org.opencontainers.image.description="Log search, tamper-evident audit trail and compliance reports (Deno, Hono)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="https://github.com/logging-audit/logging-audit-service" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.base.name="gcr.io/distroless/cc-debian12:nonroot"
WORKDIR /app
COPY --from=build --chown=0:0 --chmod=0555 /out/logging-audit /app/logging-audit
# The embedded database and generated development keys live under DATA_DIR; everything else
# is read-only, so the container runs with a read-only root filesystem (mount /tmp and /data).
COPY --from=build --chown=65532:65532 /out/data /data
ENV DATA_DIR=/data \
    PORT=8080 \
    APP_ENV=production
VOLUME ["/data"]
EXPOSE 8080
# 65532 is distroless' "nonroot"; numeric, so runAsNonRoot can be checked by the kubelet.
USER 65532:65532
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["/app/logging-audit", "healthcheck"]
ENTRYPOINT ["/app/logging-audit"]
CMD ["serve"]
