#!/usr/bin/env bash
# Makes sure the PostgreSQL that tests use is reachable. With TEST_DATABASE_URL set, that one is
# used as it is. Otherwise the local Debian cluster is started (if installed) and a password and
# the herald_test database are set up once.
set -euo pipefail
if [ -n "${TEST_DATABASE_URL:-}" ]; then exit 0; fi
url="postgres://postgres:postgres@127.0.0.1:5432/herald_test"
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then :; 
elif command -v pg_ctlcluster >/dev/null 2>&1; then
  ver="$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)"
  pg_ctlcluster "$ver" main start 2>/dev/null || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
else
  echo "herald: no PostgreSQL for tests. Start one and set TEST_DATABASE_URL=postgres://user:pass@host:port/db" >&2
  exit 1
fi
if ! PGPASSWORD=postgres psql -h 127.0.0.1 -U postgres -d herald_test -c 'select 1' >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
    su postgres -c "psql -q -c \"alter user postgres password 'postgres'\"" >/dev/null
    su postgres -c "psql -q -tc \"select 1 from pg_database where datname='herald_test'\" | grep -q 1 || createdb herald_test"
  else
    echo "herald: cannot reach $url. Set TEST_DATABASE_URL to a PostgreSQL you can create databases on." >&2
    exit 1
  fi
fi
