#!/bin/sh
# Web service start: publish the greeting, the token's digest and the health file, then serve /srv/www.
set -eu
. /etc/berth-demo/token.sh
mkdir -p /srv/www
# GREETING arrives through .env and Compose; greeting.json is rendered by Berth. Both must agree.
printf '%s\n' "$GREETING" > /srv/www/greeting.txt
cp /etc/berth-demo/greeting.json /srv/www/greeting.json
printf '%s' "$API_TOKEN" | sha256sum | cut -d' ' -f1 > /srv/www/token.sha256
printf '<!doctype html><title>Berth demo</title><p>See <a href="greeting.txt">greeting.txt</a>.</p>\n' \
    > /srv/www/index.html
# The data dir outlives releases: never let an old health file answer for this one.
rm -f /srv/www/health
BREAK_HEALTH='false'
if [ "$BREAK_HEALTH" != true ]; then
    printf 'ok\n' > /srv/www/health
fi
exec httpd -f -p 8080 -h /srv/www
