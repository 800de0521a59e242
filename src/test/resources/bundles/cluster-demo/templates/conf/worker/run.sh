#!/bin/sh
# Worker: fetch the greeting from web (any replica: dnsrr) over the overlay network into /data, again and again.
set -u
rm -f /data/last-greeting.txt
fetch() {
    if printf 'GET /greeting.txt HTTP/1.0\r\n\r\n' | nc -w 3 web 8080 > /data/response.tmp 2>/dev/null \
        && grep -q '^HTTP/1.[01] 200' /data/response.tmp; then
        sed '1,/^\r*$/d' /data/response.tmp > /data/greeting.tmp && mv /data/greeting.tmp /data/last-greeting.txt
    fi
}
while true; do
    fetch
    sleep 1
done
