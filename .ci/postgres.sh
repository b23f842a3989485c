#!/usr/bin/env bash
# PostgreSQL's server binaries for the store contract tests (run as root, as CI does). The tests start and stop their
# own throwaway cluster from these binaries (tests/DiscussionBot.TestKit/Storage/LocalPostgresCluster.cs).
#   .ci/postgres.sh install   installs Debian's postgresql when no server binaries are present
#   .ci/postgres.sh remove    purges the server packages again, only if install put them there
set -euo pipefail
marker=/tmp/discussionbot-pgtest.installed

server_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

case "${1:-}" in
install)
    if [ -z "$(server_bin)" ] || [ ! -x "$(server_bin)/initdb" ]; then
        echo "Installing PostgreSQL (Debian package postgresql)..." >&2
        apt-get update -qq >&2
        # policy-rc.d 101: do not start the package's own cluster; the tests run their own on a free port.
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
        before=$(dpkg-query -W -f '${Package}\n' 'postgresql*' 2>/dev/null | sort || true)
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        rm -f /usr/sbin/policy-rc.d
        after=$(dpkg-query -W -f '${Package}\n' 'postgresql*' 2>/dev/null | sort || true)
        comm -13 <(echo "$before") <(echo "$after") > "$marker"
    fi
    ;;
remove)
    if [ -s "$marker" ] && [ "${PGTEST_KEEP_PACKAGE:-}" != 1 ]; then
        # Only what install added, never the machine's own client tools.
        DEBIAN_FRONTEND=noninteractive xargs apt-get purge -y -qq < "$marker" >&2 || true
    fi
    rm -f "$marker"
    ;;
*)
    echo "usage: $0 install|remove" >&2
    exit 2
    ;;
esac
