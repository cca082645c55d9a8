#!/usr/bin/env bash
# Seed 003 (air-demand) staging guide by hand: copy the deploy script to the host, run it
# with the token from the environment, then check /health and /health/db.
# Needs SCRIPT APP_DIR VERSION TOKEN HEALTH_URL DB_HEALTH_URL + the SSH variables of common.sh.
source "$(dirname "$0")/common.sh"
open_master
scp -q -o ControlPath="$SOCK" -P "$SSH_PORT" -o UserKnownHostsFile="$KNOWN_HOSTS" "$SCRIPT" "$SSH_USER@$SSH_HOST:$APP_DIR/deploy-staging.sh"
printf '%s' "$TOKEN" | remote "cat > '$APP_DIR/.token' && cd '$APP_DIR' && GITHUB_TOKEN=\"\$(cat .token)\" APP_VERSION='$VERSION' sh deploy-staging.sh >/dev/null 2>&1; rc=\$?; rm -f .token; exit \$rc"
# /health must report the new version (else the old process is still answering); /health/db must answer.
for i in $(seq 1 100); do curl -fsS "$HEALTH_URL" 2>/dev/null | grep -q "\"version\":\"$VERSION\"" && break; [ "$i" = 100 ] && { echo "$HEALTH_URL failed" >&2; exit 1; }; sleep 0.1; done
curl -fsS "$DB_HEALTH_URL" >/dev/null
