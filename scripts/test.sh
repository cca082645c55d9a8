#!/usr/bin/env bash
# The one test command (`npm test`): installs and starts what the tests need
# (sandbox), then runs every check and every Jest test. Each check counts as a
# test in the final "N passed, N failed" line, which it also writes to
# $SLIPWAY_TEST_COUNTS for .ci/run.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
step() {
  local name=$1; shift
  echo "── $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

if [ ! -x node_modules/.bin/jest ]; then npm ci --no-audit --no-fund || exit 1; fi
bash scripts/sandbox.sh up || { echo "0 passed, 1 failed"; exit 1; }
# shellcheck disable=SC1090
source <(bash scripts/sandbox.sh env)

step "typecheck" npx tsc --noEmit
step "lint" npx eslint src test bench
step "dist/ is built from the source" node scripts/build.mjs --check
step "action pages match action.yml" node scripts/docs.mjs --check
step "slipway.yml schema matches action.yml" node scripts/gen-schema.mjs --check
step "CLI flags and help match action.yml" node scripts/gen-cli-inputs.mjs --check
if [ -x scripts/validate-workflows.mjs ] || [ -f scripts/validate-workflows.mjs ]; then
  step "workflow and action files parse" node scripts/validate-workflows.mjs
fi

counts=$(mktemp)
jest_log=$(mktemp)
SLIPWAY_TEST_COUNTS=$counts NODE_OPTIONS=--experimental-vm-modules npx jest "$@" 2>&1 | tee "$jest_log"
jest_status=${PIPESTATUS[0]}
# Everything the run printed and every sandbox daemon's log, grepped for the sandbox's secrets.
step "no sandbox secret in any log of the test run" \
  node scripts/secret-sweep.mjs "$SLIPWAY_SANDBOX_JSON" "$jest_log" "$(dirname "$SLIPWAY_SANDBOX_JSON")/logs"
rm -f "$jest_log"
if [ -s "$counts" ]; then
  read -r jp _ jf _ < "$counts"
else
  jp=0; jf=1
fi
passed=$((passed + jp))
failed=$((failed + jf))
[ "$jest_status" -ne 0 ] && [ "$jf" -eq 0 ] && failed=$((failed + 1))
line="$passed passed, $failed failed"
[ -n "${SLIPWAY_TEST_COUNTS:-}" ] && echo "$line" > "$SLIPWAY_TEST_COUNTS"
echo "$line"
[ "$failed" -eq 0 ]
