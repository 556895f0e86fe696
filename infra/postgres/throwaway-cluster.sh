#!/usr/bin/env bash
# A private, throwaway PostgreSQL cluster from the PostgreSQL binaries installed on this machine:
#   throwaway-cluster.sh start DIR PORT   -> creates it if DIR holds none, starts it, prints its URL
#   throwaway-cluster.sh pause DIR        -> stops the server, keeps the data (start resumes it)
#   throwaway-cluster.sh stop DIR         -> stops the server and removes DIR
# The test setup falls back to it when neither DATABASE_URL nor a Docker engine is available.
set -euo pipefail

bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$found" ] || { echo "no PostgreSQL server binaries (initdb) found: install PostgreSQL or set DATABASE_URL" >&2; exit 1; }
  echo "$found"
}

# PostgreSQL refuses to run as root; run it as the postgres user then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start DIR PORT | pause DIR | stop DIR" >&2; exit 2; }
BIN=$(bindir)

case "$cmd" in
  start)
    port=${3:?port}
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir"
      if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
      as_owner "$BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  pause)
    as_owner "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  stop)
    as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
