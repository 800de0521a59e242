#!/bin/sh
# Starts MinIO for Coze Studio (written for Berth) and, in the background, creates the Coze bucket and uploads
# the default icons shipped with the bundle. /tmp/minio_init_complete tells the healthcheck the bucket exists.
rm -f /tmp/minio_init_complete
(
    until mc alias set local http://127.0.0.1:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null 2>&1; do
        sleep 1
    done
    mc mb --ignore-existing "local/$STORAGE_BUCKET" && mc mb --ignore-existing local/milvus || exit 1
    for d in default_icon official_plugin_icon; do
        for f in /berth/$d/*; do
            case "$f" in
                *.png|*.jpg|*.jpeg|*.svg|*.webp|*.gif) mc cp "$f" "local/$STORAGE_BUCKET/$d/" >/dev/null || exit 1 ;;
            esac
        done
    done
    touch /tmp/minio_init_complete
    echo "berth: MinIO bucket $STORAGE_BUCKET is ready"
) &
exec minio server /data --console-address :9001
