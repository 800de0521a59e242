# The API token (secret: this file is written with mode 0600).
# shellcheck disable=SC2034 # the script that sources this file uses these
API_TOKEN='0123456789abcdef0123456789abcdef'
