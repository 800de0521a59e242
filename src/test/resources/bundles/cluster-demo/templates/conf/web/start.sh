#!/bin/sh
# Web service start: publish the greeting and the token's digest, then serve /srv/www (a tmpfs: each replica has its own).
set -eu
. /etc/berth-demo/token.sh
printf '%s\n' "$GREETING" > /srv/www/greeting.txt
printf '%s' "$API_TOKEN" | sha256sum | cut -d' ' -f1 > /srv/www/token.sha256
BREAK_HEALTH={{WEB_BREAK_HEALTH}}
if [ "$BREAK_HEALTH" != true ]; then
    printf 'ok\n' > /srv/www/health
fi
exec httpd -f -p 8080 -h /srv/www
