#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server with pgvector on 127.0.0.1, for the tests that need a real
# server (KUMPPANI_TEST_DATABASE_URL) and for trying the DATABASE_URL path by hand.
#
#   eval "$(.ci/postgres.sh start)"   # installs what is missing, starts a server, prints the exports
#   .ci/postgres.sh stop              # stops the server "start" exported, deletes its files
#   .ci/postgres.sh install           # only the packages and pgvector
#
# Debian 12 (bookworm) has PostgreSQL 15 but no pgvector package: pgvector is built from Debian's
# own source package (trixie's, which builds against 15), as bench/README.md measured it. Installing
# needs root and apt; a machine where PostgreSQL 15 and pgvector are already there needs neither.
# The server is a fresh cluster in a temporary directory, trust authentication, listening on
# 127.0.0.1 only (and a Unix socket in that directory), on a free port; durability is off (fsync),
# as it is a test database. Messages go to stderr, the exports to stdout.
set -euo pipefail

PG_VERSION=15
PGBIN=/usr/lib/postgresql/$PG_VERSION/bin
VECTOR_CONTROL=/usr/share/postgresql/$PG_VERSION/extension/vector.control
DATABASE=kumppani_test

say() { printf '%s\n' "$*" >&2; }

installed() { [ -x "$PGBIN/postgres" ] && [ -f "$VECTOR_CONTROL" ]; }

# As the user that owns the cluster: initdb and postgres refuse to run as root.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install() {
  installed && return 0
  if [ "$(id -u)" != 0 ]; then
    say "postgres.sh: PostgreSQL $PG_VERSION with pgvector is not installed, and installing it needs root"
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  local apt=(apt-get -qq -o DPkg::Lock::Timeout=300)
  # No default cluster: the package would otherwise create one and start it on localhost:5432.
  if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    mkdir -p /etc/postgresql-common
    printf 'create_main_cluster = false\n' >/etc/postgresql-common/createcluster.conf
  fi
  printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    >/etc/apt/sources.list.d/trixie-src.sources
  "${apt[@]}" update || return 1
  "${apt[@]}" install -y --no-install-recommends -o Dpkg::Options::=--force-confold \
    "postgresql-$PG_VERSION" "postgresql-server-dev-$PG_VERSION" dpkg-dev make gcc libc6-dev >/dev/null || return 1
  local src dir status=0
  src=$(mktemp -d /tmp/kumppani-pgvector.XXXXXX)
  chmod 755 "$src" # apt downloads as _apt when it can
  # (set -e does not reach into a function called from `||`: each step says how it went.)
  (cd "$src" && "${apt[@]}" source pgvector >"$src/source.log" 2>&1) || { cat "$src/source.log" >&2; status=1; }
  dir=$(find "$src" -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)
  if [ "$status" = 0 ] && [ -z "$dir" ]; then say "postgres.sh: apt-get source pgvector unpacked nothing"; status=1; fi
  if [ "$status" = 0 ]; then
    say "postgres.sh: building $(basename "$dir") from Debian's source package"
    # with_llvm=no: no JIT bitcode, which a test server does not use and clang takes a while over.
    make -s -C "$dir" with_llvm=no PG_CONFIG="$PGBIN/pg_config" >/dev/null \
      && make -s -C "$dir" with_llvm=no PG_CONFIG="$PGBIN/pg_config" install >/dev/null \
      || status=1
  fi
  rm -rf "$src"
  [ "$status" = 0 ] && installed
}

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

start() {
  install || return 1
  local dir port
  dir=$(mktemp -d /tmp/kumppani-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
  as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  port=$(free_port) || return 1
  as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 -o "-c listen_addresses=127.0.0.1 -p $port \
    -c unix_socket_directories=$dir -c max_connections=300 -c fsync=off -c synchronous_commit=off \
    -c full_page_writes=off" start >/dev/null || { cat "$dir/log" >&2; return 1; }
  local url="postgres://postgres@127.0.0.1:$port/$DATABASE"
  "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 \
    -c "CREATE DATABASE $DATABASE" >/dev/null || { stop "$dir"; return 1; }
  # The extension this server must have, loaded once to prove it.
  local v
  v=$("$PGBIN/psql" "$url" -qAt -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS vector' \
    -c "SELECT extversion FROM pg_extension WHERE extname = 'vector'") || { stop "$dir"; return 1; }
  say "postgres.sh: PostgreSQL $("$PGBIN/postgres" -V | awk '{print $3}') with pgvector $v on 127.0.0.1:$port ($dir)"
  printf 'export KUMPPANI_TEST_DATABASE_URL=%q\nexport KUMPPANI_TEST_PG_DIR=%q\n' "$url" "$dir"
}

stop() {
  local dir=${1:-${KUMPPANI_TEST_PG_DIR:-}}
  [ -n "$dir" ] && [ -d "$dir/data" ] || { say "postgres.sh: no server to stop"; return 0; }
  as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  rm -rf "$dir"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop "${2:-}" ;;
  *) say "usage: $0 start | stop [DIR] | install"; exit 2 ;;
esac
