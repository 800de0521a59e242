# The API token (secret: this file is written with mode 0600).
API_TOKEN='0123456789abcdef0123456789abcdef'
