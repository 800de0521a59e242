#!/bin/bash
# Starts Elasticsearch for Coze Studio (written for Berth): installs the smartcn analyser, starts the node, and
# applies every index template in /berth/es_index_schema once the node answers. Marker files in /tmp tell the
# compose healthcheck when each part is done, so readiness means "usable", not just "listening".
set -u
PLUGIN_DIR=/opt/bitnami/elasticsearch/plugins/analysis-smartcn
rm -f /tmp/es_plugins_ready /tmp/es_init_complete

if [ ! -d "$PLUGIN_DIR" ]; then
    if [ -f /berth/plugins/analysis-smartcn.zip ]; then
        echo "berth: installing analysis-smartcn from the bundle"
        elasticsearch-plugin install --batch file:///berth/plugins/analysis-smartcn.zip || exit 1
    else
        # Needs internet access: the bundle did not ship the plugin zip.
        echo "berth: analysis-smartcn.zip is not in the bundle; installing it from the internet"
        elasticsearch-plugin install --batch analysis-smartcn || exit 1
    fi
fi
touch /tmp/es_plugins_ready

(
    until curl -sf http://127.0.0.1:9200/_cluster/health >/dev/null 2>&1; do sleep 2; done
    for f in /berth/es_index_schema/*.index-template.json; do
        [ -e "$f" ] || continue
        name=$(basename "$f" .index-template.json)
        echo "berth: applying index template $name"
        curl -sf -X PUT "http://127.0.0.1:9200/_index_template/$name" -H 'Content-Type: application/json' \
            --data-binary "@$f" >/dev/null || { echo "berth: index template $name failed" >&2; exit 1; }
        if ! curl -sf -o /dev/null "http://127.0.0.1:9200/$name"; then
            curl -sf -X PUT "http://127.0.0.1:9200/$name" >/dev/null || { echo "berth: index $name failed" >&2; exit 1; }
        fi
    done
    touch /tmp/es_init_complete
) &

exec /opt/bitnami/scripts/elasticsearch/entrypoint.sh /opt/bitnami/scripts/elasticsearch/run.sh
