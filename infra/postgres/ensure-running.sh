#!/usr/bin/env bash
# Makes sure the machine's PostgreSQL answers on 127.0.0.1:5432, starting (or, as a last resort,
# installing) it when it does not. Used by .ci/run; prints the admin URL the tests can use.
set -euo pipefail

HOST=${PGHOST_FOR_TESTS:-127.0.0.1}
PORT=${PGPORT_FOR_TESTS:-5432}

answers() { pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; }

if ! command -v pg_isready >/dev/null 2>&1; then
  echo "PostgreSQL is not installed; installing Debian's package" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

if ! answers; then
  for version in $(ls /etc/postgresql 2>/dev/null); do
    echo "starting PostgreSQL $version" >&2
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
fi

URL="postgres://postgres@$HOST:$PORT/postgres"
for _ in $(seq 1 60); do
  if answers; then
    # Answering is not enough: the tests log in as postgres without a password (trust, as on this kind
    # of machine). Say so plainly if this server wants more.
    if ! psql "$URL" -Atqc 'SELECT 1' >/dev/null 2>"${TMPDIR:-/tmp}/ensure-running.err"; then
      echo "PostgreSQL answers on $HOST:$PORT but $URL cannot log in: $(cat "${TMPDIR:-/tmp}/ensure-running.err")" >&2
      echo "Allow trust for 127.0.0.1 in pg_hba.conf, or run the tests with DATABASE_URL set to a URL that logs in." >&2
      exit 1
    fi
    echo "$URL"
    exit 0
  fi
  sleep 0.5
done
echo "PostgreSQL does not answer on $HOST:$PORT after starting it" >&2
exit 1
