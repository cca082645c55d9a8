#!/usr/bin/env bash
# Seed 002 (innercontext) deploy.sh by hand: lock, releases/<timestamp>, upload, link the
# shared env files, migrate in the release, switch current, restart, health check,
# roll back on failure, keep 5, deploy log. Needs ROOT ARTIFACT VERSION HEALTH_URL
# HEALTH_TIMEOUT RESTART + the SSH variables of common.sh.
source "$(dirname "$0")/common.sh"
ts="$(date -u +%Y%m%d%H%M%S%N)"
open_master
remote "set -e; cd '$ROOT'; mkdir .deploy.lock; echo \"\$\$ $VERSION\" > .deploy.lock/owner; mkdir -p releases/$ts"
unlock() { remote "rm -rf '$ROOT/.deploy.lock'"; }
rsync -a --delete -e "ssh ${SSH_OPTS[*]}" "$ARTIFACT/" "$SSH_USER@$SSH_HOST:$ROOT/releases/$ts/"
remote "set -e; cd '$ROOT/releases/$ts'; ln -sfn ../../shared/.env .env; ln -sfn ../../shared/.env.production .env.production; test -L .env && echo migrated > migrated.txt"
previous="$(remote "readlink '$ROOT/current' || true")"
remote "set -e; cd '$ROOT'; ln -sfn releases/$ts current.tmp; mv -T current.tmp current; $RESTART"
# Polls on the host until the deadline (HEALTH_TIMEOUT seconds), every 0.1 s.
health() { remote "end=\$(( \$(date +%s%N) + $HEALTH_TIMEOUT * 1000000000 )); while :; do curl -fsS '$HEALTH_URL' 2>/dev/null | grep -q '\"version\":\"$VERSION\"' && exit 0; [ \$(date +%s%N) -lt \$end ] || exit 1; sleep 0.1; done"; }
if ! health; then
  if [ -n "$previous" ]; then remote "set -e; cd '$ROOT'; ln -sfn '$previous' current.tmp; mv -T current.tmp current; $RESTART"; fi
  remote "echo \"\$(date -u +%FT%TZ) $VERSION rolled-back\" >> '$ROOT/deploy.log'; rm -rf '$ROOT/releases/$ts'"
  unlock; echo "health check failed, rolled back to $previous" >&2; exit 1
fi
remote "set -e; cd '$ROOT/releases'; ls -1 | sort | head -n -5 | xargs -r rm -rf; echo \"\$(date -u +%FT%TZ) $VERSION releases/$ts\" >> '$ROOT/deploy.log'; rm -rf '$ROOT/.deploy.lock'"
