#!/bin/sh
# Registers Zhuge Shenma's routes with the APISIX admin API (the upstream apisix-*.sh scripts). Run by Berth after
# the gateway stage, from the release folder. Each route is a PUT with a fixed id, so running it again changes
# nothing. The admin key goes to curl as a config on stdin, so it never shows in a process list.
set -u
. ./apisix/admin.sh
for f in apisix/routes/*.json; do
    id=$(basename "$f" .json)
    code=$(printf 'header = "X-API-KEY: %s"\n' "$APISIX_ADMIN_KEY" | curl -K - -s -o /tmp/berth-apisix.$$ \
        -w '%{http_code}' -X PUT -H 'Content-Type: application/json' --data-binary "@$f" \
        "$APISIX_ADMIN_URL/routes/$id")
    case "$code" in
        200|201) echo "routes/$id registered" ;;
        *) echo "routes/$id failed with HTTP $code: $(head -c 300 /tmp/berth-apisix.$$ 2>/dev/null)"; rm -f /tmp/berth-apisix.$$; exit 1 ;;
    esac
    rm -f /tmp/berth-apisix.$$
done
