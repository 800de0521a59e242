#!/bin/sh
# One-off initialisation, run by the "initdb" service before the main stack. Idempotent: it only creates what is
# missing, so a redeploy or a rollback may run it again safely.
set -eu

# 1. The service databases (owner: the zgsm user that POSTGRES_USER created).
for db in casdoor auth codereview codebase_querier codebase_embedder chatrag; do
    if [ "$(psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
        psql -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$db\" OWNER \"$PGUSER\""
        echo "created database $db"
    fi
done

# 2. Higress's first configuration: copied only where the data folder has no file of that name yet, so the
#    changes made later in the Higress console are never overwritten.
cd /berth-higress-seed
find . -type f | while read -r f; do
    if [ ! -e "/higress-data/$f" ]; then
        mkdir -p "/higress-data/$(dirname "$f")"
        cp "$f" "/higress-data/$f"
        echo "seeded higress $f"
    fi
done
echo "initdb done"
