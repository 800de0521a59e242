#!/bin/sh
# Healthy when the web server answers its health page (nc: busybox's wget crashes inside Swarm tasks).
printf 'GET /health HTTP/1.0\r\n\r\n' | nc -w 2 127.0.0.1 8080 | grep -q '^ok'
