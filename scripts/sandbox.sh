#!/usr/bin/env bash
# Slipway test sandbox: everything the tests and the demo need, on loopback only.
#
#   bash scripts/sandbox.sh up      install missing packages, start what is not running
#   bash scripts/sandbox.sh down    stop what `up` started (by recorded PID)
#   bash scripts/sandbox.sh status  one line per service; non-zero exit if any is down
#   bash scripts/sandbox.sh env     print `export SLIPWAY_SANDBOX_JSON=...`
#
# Runs as root on Debian 12. State (keys, passwords, pidfiles, logs, data) lives in
# ${SLIPWAY_SANDBOX_DIR:-/var/lib/slipway-sandbox}. See docs/sandbox.md.
set -euo pipefail
umask 022
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin${PATH:+:$PATH}"
export DEBIAN_FRONTEND=noninteractive LC_ALL=C

STATE="${SLIPWAY_SANDBOX_DIR:-/var/lib/slipway-sandbox}"
RUN="$STATE/run"
LOGS="$STATE/logs"
JSON="$STATE/sandbox.json"

CLEAN_PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
DOCKER_SOCK="unix:///var/run/docker.sock"
BASE_IMAGE="slipway/busybox:sandbox"
PUBLIC_BASE_ALIAS="busybox:1.36"
REG_USER="slipway"
SSH_USER="deploy"
SSH_HOSTS=("h1 127.0.0.1 2201" "h2 127.0.0.2 2202" "h3 127.0.0.3 2203")
SRV="/srv/slipway"
RESTART_SCRIPT="/usr/local/bin/slipway-sandbox-restart"
SUDOERS="/etc/sudoers.d/slipway-sandbox"
PG_BIN="/usr/lib/postgresql/15/bin"
PG_PORT=55432
PG_USER="slipway"
PG_DB="app"
PG_DATA="$STATE/postgres/data"
PG_SOCK="$STATE/postgres/run"
PG_LOG="$LOGS/postgres.log"

PACKAGES=(docker.io docker-registry apache2-utils openssh-server busybox-static sqlite3 restic
  borgbackup postgresql rsync docker-compose caddy nginx git curl util-linux iproute2 sudo tmux)

say() { printf '%s\n' "$*"; }
die() { printf 'sandbox: error: %s\n' "$*" >&2; exit 1; }
log_tail() { [ -f "$1" ] && { printf -- '--- last lines of %s ---\n' "$1" >&2; tail -n 25 "$1" >&2; }; return 0; }

dk() { env -u DOCKER_CONTEXT DOCKER_HOST="$DOCKER_SOCK" docker "$@"; }
docker_up() { command -v docker >/dev/null 2>&1 && timeout 10 env -u DOCKER_CONTEXT DOCKER_HOST="$DOCKER_SOCK" docker info >/dev/null 2>&1; }

# A random alphanumeric secret (no pipe into `head` that could die of SIGPIPE).
rand_secret() { head -c 48 /dev/urandom | base64 -w0 | tr -d '/+=' | cut -c1-32; }

# Create the secret file $1 (mode 0600) once; print its content.
secret_file() {
  if [ ! -s "$1" ]; then
    (umask 077; rand_secret >"$1.tmp"); mv "$1.tmp" "$1"
  fi
  chmod 0600 "$1"
  tr -d '\n' <"$1"
}

# Write stdin to $1 only when the content differs; return 0 when it changed.
write_if_changed() {
  local dest=$1 mode=${2:-0644} tmp
  tmp=$(mktemp "$dest.XXXXXX")
  cat >"$tmp"
  if [ -f "$dest" ] && cmp -s "$tmp" "$dest"; then
    rm -f "$tmp"; chmod "$mode" "$dest"; return 1
  fi
  chmod "$mode" "$tmp"; mv "$tmp" "$dest"; return 0
}

json_str() { local s=$1; s=${s//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }

# --- processes ---------------------------------------------------------------------------
# Alive = exists, not a zombie, and its command line contains $2 (guards against PID reuse).
pid_alive() {
  local pid=$1 pattern=$2 state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/stat" ] || return 1
  state=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pattern"
}
pidfile_pid() { [ -s "$1" ] && head -n1 "$1" | tr -dc '0-9'; return 0; }
pidfile_alive() { local pid; pid=$(pidfile_pid "$1"); [ -n "$pid" ] && pid_alive "$pid" "$2"; }

# stop_pidfile NAME PIDFILE PATTERN [SECONDS]
stop_pidfile() {
  local name=$1 pidfile=$2 pattern=$3 wait=${4:-15} pid i
  pid=$(pidfile_pid "$pidfile")
  if [ -z "$pid" ] || ! pid_alive "$pid" "$pattern"; then
    rm -f "$pidfile"; say "$name: not running"; return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < wait * 10; i++)); do
    pid_alive "$pid" "$pattern" || break
    sleep 0.1
  done
  if pid_alive "$pid" "$pattern"; then
    kill -KILL "$pid" 2>/dev/null || true
    say "$name: stopped (pid $pid, killed after ${wait}s)"
  else
    say "$name: stopped (pid $pid)"
  fi
  rm -f "$pidfile"
}

# start_bg PIDFILE LOG CMD...: start detached with a clean environment; record the PID.
start_bg() {
  local pidfile=$1 logf=$2; shift 2
  nohup setsid env -i PATH="$CLEAN_PATH" HOME=/root LANG=C.UTF-8 "$@" >>"$logf" 2>&1 </dev/null 9>&- &
  echo $! >"$pidfile"
}

# wait_for SECONDS CMD...: poll CMD every 0.1 s.
wait_for() {
  local secs=$1 i; shift
  for ((i = 0; i < secs * 10; i++)); do
    "$@" && return 0
    sleep 0.1
  done
  return 1
}

# --- 1. packages -------------------------------------------------------------------------
ensure_packages() {
  local missing=() p installed
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${PACKAGES[@]}" 2>/dev/null || true)
  for p in "${PACKAGES[@]}"; do
    grep -qx "$p installed" <<<"$installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "packages: all ${#PACKAGES[@]} installed"
    return 0
  fi
  say "packages: installing ${missing[*]}"
  # Keep maintainer scripts from starting system services (nginx, sshd, postgresql, docker).
  local policy=/usr/sbin/policy-rc.d made_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod 0755 "$policy"; made_policy=1
  fi
  local rc=0 aptlog="$LOGS/apt.log"
  { apt-get update -q && apt-get install -y -q --no-install-recommends \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"; } \
    >"$aptlog" 2>&1 || rc=$?
  [ "$made_policy" = 1 ] && rm -f "$policy"
  if [ "$rc" != 0 ]; then log_tail "$aptlog"; die "apt-get failed (exit $rc), log: $aptlog"; fi
  say "packages: installed ${#missing[@]}"
}

# --- state dir ---------------------------------------------------------------------------
ensure_state_dirs() {
  local d
  for d in "$STATE" "$RUN" "$LOGS" "$STATE/registry" "$STATE/registry/auth" "$STATE/registry/anon" \
    "$STATE/base-image" "$STATE/ssh" "$STATE/postgres"; do
    [ -d "$d" ] || mkdir -p "$d"
    chown root:root "$d"; chmod 0755 "$d"
  done
}

# --- 2. dockerd --------------------------------------------------------------------------
ensure_dockerd() {
  local pidfile="$RUN/dockerd.pid" logf="$LOGS/dockerd.log"
  if docker_up; then
    if pidfile_alive "$pidfile" dockerd; then say "dockerd: running (pid $(pidfile_pid "$pidfile"))"
    else say "dockerd: running (not started by the sandbox)"; fi
    return 0
  fi
  if pidfile_alive "$pidfile" dockerd; then
    # Ours but not answering yet (e.g. a concurrent start): give it time below.
    say "dockerd: waiting for pid $(pidfile_pid "$pidfile")"
  else
    rm -f "$pidfile"
    : >"$logf"
    nohup setsid env -i PATH="$CLEAN_PATH" HOME=/root \
      dockerd --bridge=none --iptables=false --ip6tables=false --pidfile "$pidfile" \
      >>"$logf" 2>&1 </dev/null 9>&- &
    local launched=$!
    wait_for 5 test -s "$pidfile" || echo "$launched" >"$pidfile"
  fi
  if ! wait_for 60 docker_up; then
    log_tail "$logf"
    die "dockerd did not answer \`docker info\` within 60 s (log: $logf)"
  fi
  say "dockerd: started (pid $(pidfile_pid "$pidfile"))"
}

# --- 3. registries -----------------------------------------------------------------------
registry_code() { curl -s -o /dev/null -m 2 -w '%{http_code}' "http://$1/v2/" 2>/dev/null || true; }
registry_is() { [ "$(registry_code "$1")" = "$2" ]; }

write_registry_config() { # NAME ADDR AUTH(0/1); returns 0 when the config changed
  local dir="$STATE/registry/$1" secret
  [ -d "$dir/data" ] || mkdir -p "$dir/data"
  secret=$(secret_file "$dir/http_secret")
  {
    printf 'version: 0.1\nlog:\n  level: info\n  accesslog:\n    disabled: false\n'
    printf 'storage:\n  filesystem:\n    rootdirectory: %s\n  delete:\n    enabled: true\n' "$dir/data"
    printf 'http:\n  addr: %s\n  secret: %s\n' "$2" "$secret"
    if [ "$3" = 1 ]; then
      printf 'auth:\n  htpasswd:\n    realm: slipway-sandbox\n    path: %s\n' "$dir/htpasswd"
    fi
  } | write_if_changed "$dir/config.yml" 0600
}

ensure_registry() { # NAME ADDR AUTH EXPECTED_CODE
  local name=$1 addr=$2 auth=$3 want=$4 changed=0
  local pidfile="$RUN/registry-$name.pid" logf="$LOGS/registry-$name.log" cfg="$STATE/registry/$name/config.yml"
  write_registry_config "$name" "$addr" "$auth" && changed=1
  if [ "$auth" = 1 ]; then
    local pw; pw=$(secret_file "$STATE/registry_password")
    if [ ! -s "$STATE/registry/$name/htpasswd" ] || \
       ! htpasswd -vb "$STATE/registry/$name/htpasswd" "$REG_USER" "$pw" >/dev/null 2>&1; then
      htpasswd -Bbn "$REG_USER" "$pw" | write_if_changed "$STATE/registry/$name/htpasswd" 0600 || true
      changed=1
    fi
  fi
  if pidfile_alive "$pidfile" "$cfg"; then
    if [ "$changed" = 0 ] && [ "$(registry_code "$addr")" = "$want" ]; then
      say "registry $name: running on $addr (pid $(pidfile_pid "$pidfile"))"; return 0
    fi
    stop_pidfile "registry $name" "$pidfile" "$cfg" 10 >/dev/null
  fi
  [ "$(registry_code "$addr")" = 000 ] || die "registry $name: $addr is already taken by another process"
  start_bg "$pidfile" "$logf" docker-registry serve "$cfg"
  if ! wait_for 20 registry_is "$addr" "$want"; then
    log_tail "$logf"; die "registry $name did not answer $want on http://$addr/v2/ (log: $logf)"
  fi
  say "registry $name: started on $addr (pid $(pidfile_pid "$pidfile"))"
}

# --- 4. base image -----------------------------------------------------------------------
ensure_base_image() {
  if dk image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    say "base image: $BASE_IMAGE present"; ensure_public_base_alias; return 0
  fi
  local ctx="$STATE/base-image" logf="$LOGS/base-image.log"
  [ -x /bin/busybox ] || die "/bin/busybox missing (package busybox-static)"
  cp /bin/busybox "$ctx/busybox"
  cat >"$ctx/Dockerfile" <<'EOF'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox","--install","-s","/bin"]
ENV PATH=/bin
CMD ["/bin/sh"]
EOF
  if ! DOCKER_BUILDKIT=0 dk build --network host -t "$BASE_IMAGE" "$ctx" >"$logf" 2>&1; then
    log_tail "$logf"; die "building $BASE_IMAGE failed (log: $logf)"
  fi
  say "base image: built $BASE_IMAGE"
  ensure_public_base_alias
}

# The example app's Dockerfile starts FROM the public busybox:1.36, so users copy it unchanged.
# Nothing can be pulled here: the sandbox's own busybox stands in under that name, unless the
# engine already has the real one.
ensure_public_base_alias() {
  dk image inspect "$PUBLIC_BASE_ALIAS" >/dev/null 2>&1 && return 0
  dk tag "$BASE_IMAGE" "$PUBLIC_BASE_ALIAS" && say "base image: tagged $BASE_IMAGE as $PUBLIC_BASE_ALIAS (stand-in)"
}

# --- 5. SSH hosts ------------------------------------------------------------------------
ensure_ssh_user() {
  local home="/home/$SSH_USER"
  if ! id "$SSH_USER" >/dev/null 2>&1; then
    useradd -m -d "$home" -s /bin/bash -G docker "$SSH_USER"
    say "user $SSH_USER: created"
  elif ! id -nG "$SSH_USER" | tr ' ' '\n' | grep -qx docker; then
    usermod -aG docker "$SSH_USER"; say "user $SSH_USER: added to group docker"
  fi
  # UsePAM no: sshd refuses accounts whose password is locked ("!"); "*" = no password, not locked.
  if [ "$(getent shadow "$SSH_USER" | cut -d: -f2)" != '*' ]; then usermod -p '*' "$SSH_USER"; fi
  [ -d "$home" ] || install -d -m 0755 -o "$SSH_USER" -g "$SSH_USER" "$home"
  chmod go-w "$home"
  install -d -m 0700 -o "$SSH_USER" -g "$SSH_USER" "$home/.ssh"

  local k
  if [ ! -s "$STATE/id_ed25519" ]; then
    ssh-keygen -q -t ed25519 -N '' -C "slipway-sandbox" -f "$STATE/id_ed25519"; say "ssh: client key created"
  fi
  local pass; pass=$(secret_file "$STATE/key_passphrase")
  if [ ! -s "$STATE/id_ed25519_pass" ]; then
    ssh-keygen -q -t ed25519 -N "$pass" -C "slipway-sandbox-pass" -f "$STATE/id_ed25519_pass"
    say "ssh: passphrase client key created"
  fi
  chmod 0600 "$STATE/id_ed25519" "$STATE/id_ed25519_pass"
  local ak="$home/.ssh/authorized_keys"
  touch "$ak"
  for k in "$STATE/id_ed25519.pub" "$STATE/id_ed25519_pass.pub"; do
    grep -qxF "$(cat "$k")" "$ak" || cat "$k" >>"$ak"
  done
  chown "$SSH_USER:$SSH_USER" "$ak"; chmod 0600 "$ak"

  # Base dirs, restart script, sudoers.
  install -d -m 0755 -o root -g root "$SRV"
  local h
  for h in "${SSH_HOSTS[@]}"; do
    set -- $h
    install -d -m 0755 -o "$SSH_USER" -g "$SSH_USER" "$SRV/$1"
  done
  [ -e "$SRV/restart.log" ] || touch "$SRV/restart.log"
  chown "$SSH_USER:$SSH_USER" "$SRV/restart.log"; chmod 0664 "$SRV/restart.log"
  cat <<EOF | write_if_changed "$RESTART_SCRIPT" 0755 && say "restart script: written $RESTART_SCRIPT" || true
#!/bin/sh
# Slipway sandbox stand-in for a service restart: records the call, does nothing else.
printf '%s %s\n' "\$(date -u +%Y-%m-%dT%H:%M:%SZ)" "\$*" >>$SRV/restart.log
exit 0
EOF
  [ -d /etc/sudoers.d ] || install -d -m 0755 /etc/sudoers.d
  if printf '%s ALL=(root) NOPASSWD: /usr/bin/true, %s\n' "$SSH_USER" "$RESTART_SCRIPT" \
      | write_if_changed "$SUDOERS" 0440; then
    visudo -cqf "$SUDOERS" || { rm -f "$SUDOERS"; die "sudoers file rejected by visudo"; }
    say "sudoers: written $SUDOERS"
  fi
  [ -d /run/sshd ] || install -d -m 0755 -o root -g root /run/sshd
}

ssh_answers() { ssh-keyscan -T 2 -t ed25519 -p "$2" "$1" 2>/dev/null | grep -q ssh-ed25519; }

ensure_sshd() { # NAME ADDR PORT
  local name=$1 addr=$2 port=$3 dir="$STATE/ssh/$1" changed=0
  local cfg="$dir/sshd_config" pidfile="$RUN/sshd-$name.pid" logf="$LOGS/sshd-$name.log"
  [ -d "$dir" ] || install -d -m 0755 "$dir"
  if [ ! -s "$dir/ssh_host_ed25519_key" ]; then
    ssh-keygen -q -t ed25519 -N '' -C "slipway-sandbox-$name" -f "$dir/ssh_host_ed25519_key"
    changed=1
  fi
  chmod 0600 "$dir/ssh_host_ed25519_key"
  cat <<EOF | write_if_changed "$cfg" 0644 && changed=1
# Slipway sandbox SSH host $name (generated by scripts/sandbox.sh)
ListenAddress $addr:$port
HostKey $dir/ssh_host_ed25519_key
PidFile $pidfile
AuthorizedKeysFile .ssh/authorized_keys
StrictModes yes
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin no
AllowUsers $SSH_USER
AllowTcpForwarding yes
AllowStreamLocalForwarding yes
MaxSessions 50
MaxStartups 100:30:200
PrintMotd no
AcceptEnv LANG LC_*
SetEnv SLIPWAY_SANDBOX_HOST=$name SLIPWAY_SANDBOX_BASE_DIR=$SRV/$name
Subsystem sftp /usr/lib/openssh/sftp-server
EOF
  if pidfile_alive "$pidfile" "$cfg"; then
    if [ "$changed" = 0 ] && ssh_answers "$addr" "$port"; then
      say "sshd $name: running on $addr:$port (pid $(pidfile_pid "$pidfile"))"; return 0
    fi
    stop_pidfile "sshd $name" "$pidfile" "$cfg" 10 >/dev/null
  fi
  /usr/sbin/sshd -t -f "$cfg" >"$logf.check" 2>&1 || { log_tail "$logf.check"; die "sshd $name: config invalid"; }
  rm -f "$logf.check"
  start_bg "$pidfile" "$logf" /usr/sbin/sshd -D -e -f "$cfg"
  if ! wait_for 15 ssh_answers "$addr" "$port"; then
    log_tail "$logf"; die "sshd $name did not answer on $addr:$port (log: $logf)"
  fi
  say "sshd $name: started on $addr:$port (pid $(pidfile_pid "$pidfile"))"
}

write_known_hosts() {
  local h
  for h in "${SSH_HOSTS[@]}"; do
    set -- $h
    printf '[%s]:%s %s\n' "$2" "$3" "$(cut -d' ' -f1,2 "$STATE/ssh/$1/ssh_host_ed25519_key.pub")"
  done | write_if_changed "$STATE/known_hosts" 0644 && say "ssh: known_hosts written" || true
}

# --- 6. PostgreSQL -----------------------------------------------------------------------
as_postgres() { (cd / && runuser -u postgres -- env -i PATH="$PG_BIN:$CLEAN_PATH" LANG=C.UTF-8 "$@"); }
pg_running() { as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }
pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2 >/dev/null 2>&1; }
pg_admin() { as_postgres "$PG_BIN/psql" -X -q -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }

ensure_postgres() {
  [ -x "$PG_BIN/initdb" ] || die "$PG_BIN/initdb missing (package postgresql-15)"
  id postgres >/dev/null 2>&1 || die "user postgres missing (package postgresql)"
  install -d -m 0755 -o postgres -g postgres "$PG_SOCK"
  local pw; pw=$(secret_file "$STATE/postgres_password")
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    rm -rf "$PG_DATA"; install -d -m 0700 -o postgres -g postgres "$PG_DATA"
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$LOGS/initdb.log" 2>&1 \
      || { log_tail "$LOGS/initdb.log"; die "initdb failed"; }
    say "postgres: initialised $PG_DATA"
  fi
  cat <<'EOF' | write_if_changed "$PG_DATA/pg_hba.conf" 0600 || true
# Slipway sandbox: trust only the postgres superuser on the local socket; passwords elsewhere.
local   all   postgres                 trust
local   all   all                      scram-sha-256
host    all   all      127.0.0.1/32    scram-sha-256
EOF
  chown postgres:postgres "$PG_DATA/pg_hba.conf"
  if pg_running; then
    say "postgres: running on 127.0.0.1:$PG_PORT (pid $(pidfile_pid "$PG_DATA/postmaster.pid"))"
  else
    touch "$PG_LOG"; chown postgres:postgres "$PG_LOG"
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 \
      -o "-p $PG_PORT -k $PG_SOCK -c listen_addresses=127.0.0.1" start >/dev/null 2>&1 9>&- \
      || { log_tail "$PG_LOG"; die "postgres did not start (log: $PG_LOG)"; }
    say "postgres: started on 127.0.0.1:$PG_PORT (pid $(pidfile_pid "$PG_DATA/postmaster.pid"))"
  fi
  wait_for 30 pg_ready || { log_tail "$PG_LOG"; die "postgres does not accept connections on 127.0.0.1:$PG_PORT"; }
  # Fast path: role, password and database already right.
  if PGPASSWORD="$pw" PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" \
      -d "$PG_DB" -tAc 'select 1' >/dev/null 2>&1; then
    return 0
  fi
  pg_admin -tAc "select pg_reload_conf()" >/dev/null
  if [ "$(pg_admin -tAc "select 1 from pg_roles where rolname = '$PG_USER'")" = 1 ]; then
    pg_admin -c "alter role $PG_USER with login createdb nosuperuser password '$pw'"
    say "postgres: role $PG_USER password set"
  else
    pg_admin -c "create role $PG_USER with login createdb nosuperuser password '$pw'"
    say "postgres: role $PG_USER created"
  fi
  if [ "$(pg_admin -tAc "select 1 from pg_database where datname = '$PG_DB'")" != 1 ]; then
    pg_admin -c "create database $PG_DB owner $PG_USER"
    say "postgres: database $PG_DB created"
  fi
}

# --- 7. sandbox.json ---------------------------------------------------------------------
write_json() {
  local regpw pgpw pass h first=1
  regpw=$(tr -d '\n' <"$STATE/registry_password")
  pgpw=$(tr -d '\n' <"$STATE/postgres_password")
  pass=$(tr -d '\n' <"$STATE/key_passphrase")
  {
    printf '{\n  "stateDir": %s,\n' "$(json_str "$STATE")"
    printf '  "docker": {"host": %s},\n' "$(json_str "$DOCKER_SOCK")"
    printf '  "registries": {\n'
    printf '    "auth": {"address": "127.0.0.1:5000", "username": %s, "password": %s},\n' \
      "$(json_str "$REG_USER")" "$(json_str "$regpw")"
    printf '    "anonymous": {"address": "127.0.0.1:5001"}\n  },\n'
    printf '  "baseImage": %s,\n' "$(json_str "$BASE_IMAGE")"
    printf '  "ssh": {\n    "user": %s,\n' "$(json_str "$SSH_USER")"
    printf '    "privateKeyPath": %s,\n' "$(json_str "$STATE/id_ed25519")"
    printf '    "passphraseKeyPath": %s,\n' "$(json_str "$STATE/id_ed25519_pass")"
    printf '    "passphrase": %s,\n' "$(json_str "$pass")"
    printf '    "knownHostsPath": %s,\n' "$(json_str "$STATE/known_hosts")"
    printf '    "hosts": ['
    for h in "${SSH_HOSTS[@]}"; do
      set -- $h
      [ "$first" = 1 ] || printf ','
      first=0
      printf '\n      {"name": %s, "address": %s, "port": %s, "baseDir": %s, "hostKeyPath": %s}' \
        "$(json_str "$1")" "$(json_str "$2")" "$3" "$(json_str "$SRV/$1")" \
        "$(json_str "$STATE/ssh/$1/ssh_host_ed25519_key.pub")"
    done
    printf '\n    ]\n  },\n'
    printf '  "postgres": {"host": "127.0.0.1", "port": %s, "user": %s, "password": %s, "database": %s, "socketDir": %s, "binDir": %s},\n' \
      "$PG_PORT" "$(json_str "$PG_USER")" "$(json_str "$pgpw")" "$(json_str "$PG_DB")" \
      "$(json_str "$PG_SOCK")" "$(json_str "$PG_BIN")"
    printf '  "restartScript": %s\n}\n' "$(json_str "$RESTART_SCRIPT")"
  } | write_if_changed "$JSON" 0600 && say "sandbox.json: written $JSON" || true
}

# --- commands ----------------------------------------------------------------------------
lock() {
  [ -d "$STATE" ] || { mkdir -p "$STATE"; chmod 0755 "$STATE"; }
  exec 9>"$STATE/.lock"
  flock -w 600 9 || die "another sandbox.sh holds $STATE/.lock"
}

# The fixed loopback ports the tests, demo and bench listen on (41000-56000) sit inside
# Linux's ephemeral range (32768-60999): under load an outgoing connection can take
# one just before a test's server binds it ("address in use", then "did not answer").
# Reserving the block keeps the kernel from handing it out; explicit binds still work.
reserve_test_ports() {
  local file=/proc/sys/net/ipv4/ip_local_reserved_ports
  [ -w "$file" ] || { say "cannot reserve ports 41000-56000 ($file is read-only): tests may meet a busy port under load"; return 0; }
  grep -q '41000-56000' "$file" || echo 41000-56000 > "$file" || say "could not reserve ports 41000-56000"
}

cmd_up() {
  [ "$(id -u)" = 0 ] || die "must run as root"
  local t0=$SECONDS h
  lock
  ensure_state_dirs
  reserve_test_ports
  ensure_packages
  ensure_dockerd
  ensure_registry auth 127.0.0.1:5000 1 401
  ensure_registry anon 127.0.0.1:5001 0 200
  ensure_base_image
  ensure_ssh_user
  for h in "${SSH_HOSTS[@]}"; do ensure_sshd $h; done
  write_known_hosts
  ensure_postgres
  write_json
  say "sandbox up in $((SECONDS - t0))s; export SLIPWAY_SANDBOX_JSON=$JSON"
}

cmd_down() {
  [ "$(id -u)" = 0 ] || die "must run as root"
  lock
  local h
  for h in "${SSH_HOSTS[@]}"; do
    set -- $h
    stop_pidfile "sshd $1" "$RUN/sshd-$1.pid" "$STATE/ssh/$1/sshd_config"
  done
  stop_pidfile "registry auth" "$RUN/registry-auth.pid" "$STATE/registry/auth/config.yml"
  stop_pidfile "registry anon" "$RUN/registry-anon.pid" "$STATE/registry/anon/config.yml"
  if [ -s "$PG_DATA/postmaster.pid" ] && pg_running; then
    local pgpid; pgpid=$(pidfile_pid "$PG_DATA/postmaster.pid")
    if as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1; then
      say "postgres: stopped (pid $pgpid)"
    else
      kill -KILL "$pgpid" 2>/dev/null || true; say "postgres: killed (pid $pgpid)"
    fi
  else
    say "postgres: not running"
  fi
  if [ -s "$RUN/dockerd.pid" ]; then
    stop_pidfile dockerd "$RUN/dockerd.pid" dockerd 30
  elif docker_up; then
    say "dockerd: not started by the sandbox, left running"
  else
    say "dockerd: not running"
  fi
}

cmd_status() {
  local bad=0 h
  line() { if [ "$2" = up ]; then say "$(printf '%-15s up    %s' "$1" "$3")"; else say "$(printf '%-15s DOWN  %s' "$1" "$3")"; bad=1; fi; }
  if docker_up; then line dockerd up "$DOCKER_SOCK"; else line dockerd down "$DOCKER_SOCK"; fi
  [ "$(registry_code 127.0.0.1:5000)" = 401 ] && line "registry auth" up 127.0.0.1:5000 || line "registry auth" down 127.0.0.1:5000
  [ "$(registry_code 127.0.0.1:5001)" = 200 ] && line "registry anon" up 127.0.0.1:5001 || line "registry anon" down 127.0.0.1:5001
  if docker_up && dk image inspect "$BASE_IMAGE" >/dev/null 2>&1; then line "base image" up "$BASE_IMAGE"
  else line "base image" down "$BASE_IMAGE"; fi
  for h in "${SSH_HOSTS[@]}"; do
    set -- $h
    if ssh_answers "$2" "$3"; then line "sshd $1" up "$2:$3"; else line "sshd $1" down "$2:$3"; fi
  done
  if pg_ready; then line postgres up "127.0.0.1:$PG_PORT"; else line postgres down "127.0.0.1:$PG_PORT"; fi
  if [ -s "$JSON" ]; then line sandbox.json up "$JSON"; else line sandbox.json down "$JSON"; fi
  return "$bad"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) printf 'export SLIPWAY_SANDBOX_JSON=%s\n' "$JSON" ;;
  *) printf 'usage: %s up|down|status|env\n' "$0" >&2; exit 2 ;;
esac
