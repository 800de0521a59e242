#!/bin/sh
# app: counts its starts in its data dir (a data dir beside Redis's volume, for the backups to copy), then idles.
set -eu
n=$(cat /data/starts 2>/dev/null || echo 0)
echo $((n + 1)) >/data/starts.tmp
mv /data/starts.tmp /data/starts
while true; do
    sleep 3600
done
