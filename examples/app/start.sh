#!/bin/sh
# Writes the health documents from the baked-in version, then serves them.
set -eu
mkdir -p /app/www/api
printf '{"ok":true,"status":"pass","version":"%s"}\n' "$APP_VERSION" > /app/www/api/health
cp /app/www/api/health /app/www/healthz
exec httpd -f -p "${BIND}:${PORT}" -h /app/www
