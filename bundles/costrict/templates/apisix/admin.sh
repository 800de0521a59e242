# Sourced by register-routes.sh: where the APISIX admin API answers on this server, and its key. Mode 0600.
# shellcheck disable=SC2034 # the script that sources this file uses these
APISIX_ADMIN_URL=http://127.0.0.1:{{&PORT_APISIX_API}}/apisix/admin
APISIX_ADMIN_KEY={{APIKEY_APISIX_ADMIN}}
