# The API token (secret: this file becomes a Swarm secret only the web service's user reads).
# shellcheck disable=SC2034 # the script that sources this file uses these
API_TOKEN={{API_TOKEN}}
