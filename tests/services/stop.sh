#!/usr/bin/env bash
# Stops the integration-test services started by tests/services/start.sh (by their pid files in
# .services/pids). Data under .services/ is kept; delete that directory for a clean slate.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="$ROOT/.services"
PIDS="$STATE/pids"

log() { printf '[services] %s\n' "$*"; }

# alive PID — true while PID is a running process (an exited, not yet reaped one counts as gone).
alive() {
  local state
  state="$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" || return 1
  [[ -n $state && $state != Z ]]
}

# stop_pid NAME — SIGTERM the process in .services/pids/NAME.pid, SIGKILL after 30 s.
stop_pid() {
  local name="$1" file="$PIDS/$1.pid" pid
  [[ -s $file ]] || return 0
  pid="$(<"$file")"
  if [[ $pid =~ ^[0-9]+$ ]] && alive "$pid"; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in {1..150}; do
      alive "$pid" || break
      sleep 0.2
    done
    if alive "$pid"; then
      log "$name did not stop in 30s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$file"
}

stop_postgres() {
  local data="$STATE/postgres" bin
  if [[ -f $data/postmaster.pid ]] && compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
    bin="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    log "stopping postgres"
    if [[ $EUID -eq 0 ]]; then
      runuser -u postgres -- "$bin/pg_ctl" -D "$data" -m fast -s -w stop || true
    else
      "$bin/pg_ctl" -D "$data" -m fast -s -w stop || true
    fi
  fi
  # pg_ctl waits for the server to finish; the pid file is only a fallback if it could not run.
  if [[ ! -f $data/postmaster.pid ]]; then rm -f "$PIDS/postgres.pid"; fi
  stop_pid postgres
}

stop_pid alertmanager
stop_pid mailpit
stop_pid es-proxy
stop_pid opensearch
stop_pid upstash-front
stop_pid redis
stop_postgres
log "stopped"
