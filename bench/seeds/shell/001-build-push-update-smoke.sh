#!/usr/bin/env bash
# Seed 001 (CommunityRule), §9 + §10 by hand: build linux/amd64, push, verify an anonymous
# pull of the amd64 image, update the app to the new image, smoke /api/health.
# Needs IMAGE VERSION CONTEXT APP_DIR PROJECT HEALTH_URL + the SSH variables of common.sh.
source "$(dirname "$0")/common.sh"
docker build --platform linux/amd64 --network host --build-arg "APP_VERSION=$VERSION" -t "$IMAGE:$VERSION" "$CONTEXT" >/dev/null
docker push "$IMAGE:$VERSION" >/dev/null
# `docker logout` + pull, without touching the operator's own docker config:
DOCKER_CONFIG="$(mktemp -d)" docker pull --platform linux/amd64 "$IMAGE:$VERSION" >/dev/null
# `cloudron update --image`: the host pulls the image and restarts the app on it.
open_master
remote "cd '$APP_DIR' && export APP_IMAGE='$IMAGE:$VERSION' && docker-compose -p '$PROJECT' --env-file .env pull -q app && docker-compose -p '$PROJECT' --env-file .env up -d app" >/dev/null 2>&1
# Smoke: /api/health answers ok with the new version (the seed's staging-smoke.sh, with a wait).
for _ in $(seq 1 100); do
  if curl -fsS "$HEALTH_URL" 2>/dev/null | grep -q "\"version\":\"$VERSION\""; then exit 0; fi
  sleep 0.1
done
echo "smoke failed: $HEALTH_URL" >&2; exit 1
