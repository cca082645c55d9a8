#!/usr/bin/env bash
# Seed 004 (lynx-portal) disaster-recovery drill by hand: restore the newest snapshot, check
# integrity and the seeded counts, boot the app on the restored copy, /healthz green.
# No repository check (the seed's restore script has none). Needs REPO RESTIC_PASSWORD
# SCRATCH_ROOT APP_IMAGE APP_PORT NAME.
set -euo pipefail
scratch="$(mktemp -d "$SCRATCH_ROOT/hb-shell-XXXXXX")"
cleanup() { docker rm -f "$NAME" >/dev/null 2>&1 || true; rm -rf "$scratch"; }
trap cleanup EXIT
RESTIC_CACHE_DIR="$SCRATCH_ROOT/restic-cache" restic restore latest --repo "$REPO" --target "$scratch" --quiet
db="$(find "$scratch" -name portal.db | head -n 1)"
[ "$(sqlite3 "$db" 'PRAGMA integrity_check;')" = ok ]
[ "$(sqlite3 "$db" 'SELECT count(*) FROM students;')" -ge 3 ]
[ "$(sqlite3 "$db" 'SELECT count(*) FROM journal_entries;')" -ge 4 ]
[ "$(sqlite3 "$db" 'SELECT count(*) FROM quiz_attempts;')" -ge 3 ]
docker run -d --name "$NAME" --network host -v "$(dirname "$db"):/data" -e "PORT=$APP_PORT" "$APP_IMAGE" \
  sh -c 'test -s /data/portal.db && mkdir -p /tmp/www && echo ok > /tmp/www/healthz && exec httpd -f -p 127.0.0.1:$PORT -h /tmp/www' >/dev/null
for i in $(seq 1 100); do curl -fsS "http://127.0.0.1:$APP_PORT/healthz" >/dev/null 2>&1 && exit 0; sleep 0.1; done
echo "/healthz never answered" >&2; exit 1
