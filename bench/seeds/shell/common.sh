# Shared by the hand-written seed jobs: one multiplexed SSH connection (ControlMaster),
# opened once per job and reused by every ssh/rsync, as a careful deploy script does.
# Needs SSH_HOST SSH_PORT SSH_USER SSH_KEY KNOWN_HOSTS.
set -euo pipefail
SOCK="$(mktemp -u "${TMPDIR:-/tmp}/hb-mux-XXXXXX")"
SSH_OPTS=(-p "$SSH_PORT" -i "$SSH_KEY" -o IdentitiesOnly=yes -o UserKnownHostsFile="$KNOWN_HOSTS" -o StrictHostKeyChecking=yes -o BatchMode=yes -o ControlPath="$SOCK")
open_master() { ssh "${SSH_OPTS[@]}" -o ControlMaster=yes -o ControlPersist=60 -f -N "$SSH_USER@$SSH_HOST"; }
close_master() { ssh "${SSH_OPTS[@]}" -O exit "$SSH_USER@$SSH_HOST" 2>/dev/null || true; }
remote() { ssh "${SSH_OPTS[@]}" "$SSH_USER@$SSH_HOST" "$@"; }
trap close_master EXIT
