# The API token (secret: this file is written with mode 0600).
API_TOKEN={{API_TOKEN}}
