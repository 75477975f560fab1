# Sourced by scripts/test and bench/run: a PostgreSQL cluster in a temporary folder, listening on a free
# port of 127.0.0.1 only, removed when the calling script exits. Sets THROWAWAY_POSTGRES_URL.

. "$(dirname "${BASH_SOURCE[0]}")/cleanup.sh"

postgres_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# initdb refuses to run as root: run the server as Debian's postgres user then.
run_as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_throwaway_postgres() {
  local bin
  bin=$(postgres_bin)
  PG_DIR=$(mktemp -d /tmp/outcry-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  on_exit stop_throwaway_postgres
  run_as_postgres "$bin/initdb" -D "$PG_DIR/data" -U outcry --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  run_as_postgres "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR ${POSTGRES_EXTRA_OPTIONS:-}" start >/dev/null
  THROWAWAY_POSTGRES_URL="postgres://outcry@127.0.0.1:$port/postgres?sslmode=disable"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port"
}

stop_throwaway_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  run_as_postgres "$(postgres_bin)/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
