#!/bin/sh
# Worker: fetch the greeting from web over the compose network into /data; in poll mode keep doing so.
set -u
MODE={{WORKER_MODE}}
INTERVAL={{POLL_INTERVAL}}
# Health is "has fetched since this start": drop what an earlier run left in the data dir.
rm -f /data/last-greeting.txt
fetch() {
    if wget -q -O /data/greeting.tmp http://web:8080/greeting.txt; then
        mv /data/greeting.tmp /data/last-greeting.txt
        date > /data/last-fetch.txt
    fi
}
until [ -s /data/last-greeting.txt ]; do
    fetch
    [ -s /data/last-greeting.txt ] || sleep 1
done
while true; do
    if [ "$MODE" = poll ]; then
        sleep "$INTERVAL"
        fetch
    else
        sleep 3600
    fi
done
