#!/usr/bin/env bash
# A throwaway PostgreSQL on 127.0.0.1 for the store contract tests (run as root, as CI does).
#   .ci/postgres.sh start   installs Debian's postgresql when missing, starts a fresh cluster, prints the connection string
#   .ci/postgres.sh stop    stops it and deletes its data; removes the package again if start installed it
set -euo pipefail
dir=${PGTEST_DIR:-/tmp/discussionbot-pgtest}
port=${PGTEST_PORT:-55432}

server_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

case "${1:-}" in
start)
    if [ -z "$(server_bin)" ] || [ ! -x "$(server_bin)/initdb" ]; then
        echo "Installing PostgreSQL (Debian package postgresql)..." >&2
        apt-get update -qq >&2
        # policy-rc.d 101: do not start the package's own cluster; this script runs its own on a private port.
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        rm -f /usr/sbin/policy-rc.d
        touch /tmp/discussionbot-pgtest.installed
    fi
    bin=$(server_bin)
    # A cluster left by an earlier run (killed before its stop) is stopped and replaced.
    if [ -f "$dir/data/postmaster.pid" ]; then
        su postgres -s /bin/sh -c "'$bin/pg_ctl' -D '$dir/data' -m immediate -w stop" >&2 || true
    fi
    rm -rf "$dir"
    mkdir -p "$dir" && chown postgres "$dir"
    su postgres -s /bin/sh -c "'$bin/initdb' -D '$dir/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log'"
    su postgres -s /bin/sh -c "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >&2
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
stop)
    bin=$(server_bin)
    if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
        su postgres -s /bin/sh -c "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop" >&2
    fi
    rm -rf "$dir"
    if [ -f /tmp/discussionbot-pgtest.installed ] && [ "${PGTEST_KEEP_PACKAGE:-}" != 1 ]; then
        # The server packages only: the machine's own client (psql) stays as it was.
        servers=$(dpkg-query -W -f '${Package}\n' postgresql 'postgresql-[0-9]*' 2>/dev/null || true)
        # shellcheck disable=SC2086
        [ -z "$servers" ] || DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq $servers >&2 || true
        rm -f /tmp/discussionbot-pgtest.installed
    fi
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
