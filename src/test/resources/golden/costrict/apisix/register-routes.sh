#!/bin/sh
# Registers CoStrict's upstreams and routes with the APISIX admin API. Run by Berth after the gateway stage, from
# the release folder. Every call is a PUT with a fixed id, so running it again changes nothing. The admin key is
# handed to curl as a config on stdin, so it never shows in a process list.
set -u
. ./apisix/admin.sh

put() { # put KIND FILE
    id=$(basename "$2" .json)
    code=$(printf 'header = "X-API-KEY: %s"\n' "$APISIX_ADMIN_KEY" | curl -K - -s -o /tmp/berth-apisix.$$ \
        -w '%{http_code}' -X PUT -H 'Content-Type: application/json' --data-binary "@$2" \
        "$APISIX_ADMIN_URL/$1/$id")
    case "$code" in
        200|201) echo "$1/$id registered" ;;
        *) echo "$1/$id failed with HTTP $code: $(head -c 300 /tmp/berth-apisix.$$ 2>/dev/null)"; rm -f /tmp/berth-apisix.$$; exit 1 ;;
    esac
    rm -f /tmp/berth-apisix.$$
}

for f in apisix/upstreams/*.json; do put upstreams "$f"; done
for f in apisix/routes/*.json; do put routes "$f"; done
