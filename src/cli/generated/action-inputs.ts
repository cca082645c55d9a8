// Generated from the action.yml files by scripts/gen-cli-inputs.mjs: edit an action.yml, then run
// `node scripts/gen-cli-inputs.mjs`. `npm test` checks this file is up to date.

export interface ActionInput {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
  /** What the runner passes when the input is not set ('' for none). */
  readonly default: string;
}

export interface ActionInputs {
  /** The action.yml it was read from. */
  readonly file: string;
  readonly description: string;
  readonly inputs: readonly ActionInput[];
}

export const ACTION_INPUTS: Readonly<Record<string, ActionInputs>> = {
  "deploy-pipeline": {
    "file": "action.yml",
    "description": "Build, push, deploy over SSH and smoke-test in one step, with automatic rollback when the smoke test fails and a job summary that tells the whole story.",
    "inputs": [
      {
        "name": "image",
        "description": "(build-image) The repository to build and push, e.g. 'ghcr.io/team/app' or 'git.example.com/team/app'. Required for the compose strategy unless deploy-image is set. The hosts run the pushed image pinned by digest.",
        "required": false,
        "default": ""
      },
      {
        "name": "context",
        "description": "(build-image) Build context directory, relative to the workspace.",
        "required": false,
        "default": "."
      },
      {
        "name": "dockerfile",
        "description": "(build-image) Dockerfile path, relative to the context.",
        "required": false,
        "default": "Dockerfile"
      },
      {
        "name": "platforms",
        "description": "(build-image) Target platform, one per run (linux/amd64 by default); build each platform in its own run.",
        "required": false,
        "default": "linux/amd64"
      },
      {
        "name": "tags",
        "description": "(build-image) Extra tags besides the git-derived ones; the pipeline also tags the image with the version it deploys. push-image pushes every tag build-image made for its registry. A 'registry/app' or 'registry/app:tag' entry names the same build elsewhere (push it with a push-image step of its own).",
        "required": false,
        "default": ""
      },
      {
        "name": "latest",
        "description": "(build-image) Tag 'latest': auto (on the default branch only), true or false.",
        "required": false,
        "default": "auto"
      },
      {
        "name": "version",
        "description": "(build-image, ssh-deploy, smoke-test) The version every step agrees on: the image's version label, the deploy log's version, {version} in build-args and health-expect, and what the smoke test expects the app to report. Empty: the git tag without v, else the short commit sha.",
        "required": false,
        "default": ""
      },
      {
        "name": "build-args",
        "description": "(build-image) KEY=VALUE build arguments, one per line. Secret-looking names are refused: use build-secrets.",
        "required": false,
        "default": ""
      },
      {
        "name": "build-secrets",
        "description": "(build-image) id=value BuildKit secrets, one per line (read with RUN --mount=type=secret,id=...). Values never reach argv, logs or layers.",
        "required": false,
        "default": ""
      },
      {
        "name": "labels",
        "description": "(build-image) Extra KEY=VALUE labels, one per line.",
        "required": false,
        "default": ""
      },
      {
        "name": "target",
        "description": "(build-image) Multi-stage target to build.",
        "required": false,
        "default": ""
      },
      {
        "name": "network",
        "description": "(build-image) Network for RUN steps (e.g. 'host' on runners without a bridge).",
        "required": false,
        "default": ""
      },
      {
        "name": "layer-cache",
        "description": "(build-image) Keep the layer cache across runs with the Actions cache: auto (on in CI, off on a laptop, where the engine keeps its own), on or off.",
        "required": false,
        "default": "auto"
      },
      {
        "name": "no-cache",
        "description": "(build-image) Build every step afresh, ignoring all layer caches.",
        "required": false,
        "default": "false"
      },
      {
        "name": "cache-key-files",
        "description": "(build-image) Files whose change means new dependencies (cache miss). Default: common lockfiles found in the context, plus the Dockerfile.",
        "required": false,
        "default": ""
      },
      {
        "name": "registry",
        "description": "(push-image) Registry host. Default: read from the tags; when tags also name another registry, the one push-image pushes to (the pipeline pushes one registry).",
        "required": false,
        "default": ""
      },
      {
        "name": "username",
        "description": "(push-image) Registry user. Empty: push without logging in.",
        "required": false,
        "default": ""
      },
      {
        "name": "password",
        "description": "(push-image) Registry password or token, from a secret. Gitea/Forgejo: a personal access token with package scope (the job token cannot push packages).",
        "required": false,
        "default": ""
      },
      {
        "name": "verify-platform",
        "description": "(push-image) Pull back by digest and check this platform; 'none' skips the check.",
        "required": false,
        "default": "linux/amd64"
      },
      {
        "name": "verify-anonymous-pull",
        "description": "(push-image) Also pull by digest with an empty Docker config: proves a public package pulls without credentials.",
        "required": false,
        "default": "false"
      },
      {
        "name": "expect-anonymous-pull",
        "description": "(push-image) 'false': fail when the registry lets anyone pull (a private registry that turned public); 'true': as verify-anonymous-pull; empty: not checked.",
        "required": false,
        "default": ""
      },
      {
        "name": "retries",
        "description": "(push-image) Retries of login and push on network errors and 5xx (with backoff). 401/403 are never retried.",
        "required": false,
        "default": "3"
      },
      {
        "name": "rate-limit-wait",
        "description": "(push-image) Longest total wait for a registry answering 429 (e.g. 2m).",
        "required": false,
        "default": "2m"
      },
      {
        "name": "strategy",
        "description": "(ssh-deploy) compose (point a compose service at a new image), release (upload to releases/<timestamp>, switch current atomically), script (run commands on the host) or swarm (deploy stack-file as a stack on a swarm manager; with image set, the built image is pinned by digest in the services that use its repository). Or cloudron (no SSH: Cloudron's REST API with a token; install, update, rollback by restore, move; docs/cloudron.md).",
        "required": false,
        "default": "compose"
      },
      {
        "name": "mode",
        "description": "(ssh-deploy) deploy, or rollback: compose back to the previous image, release back to the previous release, using only what is recorded on the host. cloudron: install, update (= deploy), rollback (restore a backup) or move.",
        "required": false,
        "default": "deploy"
      },
      {
        "name": "host",
        "description": "(ssh-deploy, smoke-test) One host: '[user@]host[:port]'.",
        "required": false,
        "default": ""
      },
      {
        "name": "hosts",
        "description": "(ssh-deploy) Several hosts, one per line: '[user@]host[:port]'. Deployed all at once or in batches (batch-size).",
        "required": false,
        "default": ""
      },
      {
        "name": "port",
        "description": "(ssh-deploy, smoke-test) SSH port for hosts that do not name one.",
        "required": false,
        "default": "22"
      },
      {
        "name": "user",
        "description": "(ssh-deploy, smoke-test) SSH user for hosts that do not name one.",
        "required": false,
        "default": "deploy"
      },
      {
        "name": "private-key",
        "description": "(ssh-deploy, smoke-test) The private key (from a secret: secrets.DEPLOY_KEY), or a path to a key file. Written 0600 to a private temp dir, removed at the end.",
        "required": true,
        "default": ""
      },
      {
        "name": "passphrase",
        "description": "(ssh-deploy, smoke-test) The key's passphrase, if any: the key is loaded into a short-lived ssh-agent that is killed at the end.",
        "required": false,
        "default": ""
      },
      {
        "name": "known-hosts",
        "description": "(ssh-deploy, smoke-test) known_hosts lines for the hosts (and jump host), e.g. the checked output of 'ssh-keyscan -p 22 host', or a path to such a file.",
        "required": false,
        "default": ""
      },
      {
        "name": "host-fingerprint",
        "description": "(ssh-deploy, smoke-test) Pinned host key fingerprints ('SHA256:…', from 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub' on the host); one per line.",
        "required": false,
        "default": ""
      },
      {
        "name": "trust-on-first-use",
        "description": "(ssh-deploy, smoke-test) Accept an unknown host key (never a changed one), with a warning. Unsafe: prefer known-hosts or host-fingerprint.",
        "required": false,
        "default": "false"
      },
      {
        "name": "jump-host",
        "description": "(ssh-deploy, smoke-test) ProxyJump host '[user@]host[:port]'; checked against the same known-hosts.",
        "required": false,
        "default": ""
      },
      {
        "name": "connect-timeout",
        "description": "(ssh-deploy, smoke-test) How long to wait for a host to answer before failing.",
        "required": false,
        "default": "15s"
      },
      {
        "name": "command-timeout",
        "description": "(ssh-deploy) Limit for one remote command.",
        "required": false,
        "default": "10m"
      },
      {
        "name": "app-dir",
        "description": "(ssh-deploy) The application directory on the host, e.g. /srv/myapp. '{host}' and '{index}' are replaced per host. Required by every strategy but cloudron.",
        "required": false,
        "default": ""
      },
      {
        "name": "env",
        "description": "(ssh-deploy) KEY=VALUE lines for the remote commands (compose interpolation, hooks, scripts). Sent over stdin, never on a command line.",
        "required": false,
        "default": ""
      },
      {
        "name": "service",
        "description": "(ssh-deploy) compose: the service that runs the image.",
        "required": false,
        "default": ""
      },
      {
        "name": "compose-file",
        "description": "(ssh-deploy) compose: compose files inside app-dir, one per line. Never edited: the image is set through an override Slipway keeps in app-dir/.slipway.",
        "required": false,
        "default": "docker-compose.yml"
      },
      {
        "name": "compose-project",
        "description": "(ssh-deploy) compose: project name (-p), to run isolated instances on one host. Defaults to the app-dir name.",
        "required": false,
        "default": ""
      },
      {
        "name": "env-file",
        "description": "(ssh-deploy) compose: env file inside app-dir (--env-file).",
        "required": false,
        "default": ""
      },
      {
        "name": "pull",
        "description": "(ssh-deploy) compose: pull the image before starting it.",
        "required": false,
        "default": "true"
      },
      {
        "name": "pre-deploy",
        "description": "(ssh-deploy) compose: a command run in app-dir before the switch (e.g. a WAL-safe SQLite snapshot with docker compose exec); a failure stops the deploy.",
        "required": false,
        "default": ""
      },
      {
        "name": "artifact",
        "description": "(ssh-deploy) release: a local directory (rsync over the SSH connection) or a .tar.gz to upload as the new release.",
        "required": false,
        "default": ""
      },
      {
        "name": "shared",
        "description": "(ssh-deploy) release: paths under app-dir/shared linked into every release (env files), one per line.",
        "required": false,
        "default": ""
      },
      {
        "name": "pre-promote",
        "description": "(ssh-deploy) release: commands run inside the new release before it goes live (migrations), one per line.",
        "required": false,
        "default": ""
      },
      {
        "name": "restart",
        "description": "(ssh-deploy) release: commands that restart the services after the switch, one per line. 'sudo' ones are checked with sudo -n before promoting.",
        "required": false,
        "default": ""
      },
      {
        "name": "keep-releases",
        "description": "(ssh-deploy) release: how many release dirs to keep, failed and rolled-back ones counted (current, the one before it and the newest failed one, for forensics, go first).",
        "required": false,
        "default": "5"
      },
      {
        "name": "lock-file",
        "description": "(ssh-deploy) release: the lock file your own deploy script takes, a path under app-dir (.deploy.lock). Slipway takes its lock there (a file) instead of .slipway/lock; a file there it did not write counts as held and the deploy is refused before anything changes. Empty: .slipway/lock.",
        "required": false,
        "default": ""
      },
      {
        "name": "deploy-log",
        "description": "(ssh-deploy) release: the deploy log your team reads, a path under app-dir (deploy.log); Slipway appends its one line per deploy there (format in docs/ssh-deploy.md) instead of .slipway/deploy.log.",
        "required": false,
        "default": ""
      },
      {
        "name": "release-name",
        "description": "(ssh-deploy) release: how new releases are named, a UTC time format with %Y %m %d %H %M %S in that order (%Y%m%dT%H%M%SZ). Empty: the style of the host's newest release, else ISO 8601 basic (%Y%m%dT%H%M%SZ).",
        "required": false,
        "default": ""
      },
      {
        "name": "script",
        "description": "(ssh-deploy) script: the commands to run in app-dir (sh -e: the first failing command fails the deploy).",
        "required": false,
        "default": ""
      },
      {
        "name": "image-variable",
        "description": "(ssh-deploy) compose: the variable your compose file reads the image from (TAG for image: app:${TAG}, IMAGE for a whole reference). Slipway then sets it in the project's env file (env-file, else .env), atomically, keeps the old line for rollback and writes no override, so your own docker compose up -d starts what Slipway left running. Its value: env's when env sets it (env: TAG=v2, no image needed), else image (its tag alone where the variable holds a tag).",
        "required": false,
        "default": ""
      },
      {
        "name": "shell",
        "description": "(ssh-deploy) script: the shell that runs the script: sh (default; dash on Debian and Ubuntu), bash, or an absolute path such as /usr/bin/zsh. Run with -e either way.",
        "required": false,
        "default": "sh"
      },
      {
        "name": "script-file",
        "description": "(ssh-deploy) script: a file in the workspace holding the script (instead of script), uploaded over the deploy's SSH connection and run in app-dir with the env on stdin.",
        "required": false,
        "default": ""
      },
      {
        "name": "create-app-dir",
        "description": "(ssh-deploy) script: create app-dir (mkdir -p) before running the script, for a script that sets the directory up itself.",
        "required": false,
        "default": "false"
      },
      {
        "name": "health-url",
        "description": "(ssh-deploy) The health URL as the host sees it (http://127.0.0.1:8080/api/health), checked through the SSH connection; a failure rolls back. cloudron: the app's public health URL, '{fqdn}' replaced (default https://{fqdn} and the manifest's healthCheckPath).",
        "required": false,
        "default": ""
      },
      {
        "name": "health-expect",
        "description": "(ssh-deploy) What the health response must hold; '{version}' is replaced. A JSON member such as '\"version\":\"{version}\"' is checked on the parsed body, as the smoke test checks a version (any spacing, compared in the value's type); other text must appear in the body as written. A rollback checks for the version that served before (what it answered, or what Slipway recorded); an unknown one only needs to answer.",
        "required": false,
        "default": ""
      },
      {
        "name": "health-timeout",
        "description": "(ssh-deploy) How long the new version has to become healthy.",
        "required": false,
        "default": "60s"
      },
      {
        "name": "batch-size",
        "description": "(ssh-deploy) Rolling deploy: hosts per batch (0 = all at once). The first failing batch stops the deploy and its changed hosts are rolled back.",
        "required": false,
        "default": "0"
      },
      {
        "name": "lock-timeout",
        "description": "(ssh-deploy) How long to wait for another deploy of the app on a host to finish.",
        "required": false,
        "default": "5m"
      },
      {
        "name": "lock-stale-after",
        "description": "(ssh-deploy) A lock older than this is broken with a warning (a deploy whose runner died).",
        "required": false,
        "default": "1h"
      },
      {
        "name": "stack",
        "description": "(ssh-deploy) swarm: the stack name on the manager (services are <stack>_<service>).",
        "required": false,
        "default": ""
      },
      {
        "name": "stack-file",
        "description": "(ssh-deploy) swarm: the stack's compose file in the repository, deployed unchanged with an override of safe update defaults and the pinned image.",
        "required": false,
        "default": "docker-compose.yml"
      },
      {
        "name": "swarm-service",
        "description": "(ssh-deploy) swarm: update only this service's image instead of deploying the stack.",
        "required": false,
        "default": ""
      },
      {
        "name": "parallelism",
        "description": "(ssh-deploy) swarm: tasks replaced at once where the stack file gives no update_config.parallelism.",
        "required": false,
        "default": "1"
      },
      {
        "name": "swarm-timeout",
        "description": "(ssh-deploy) swarm: how long to wait for every service to converge.",
        "required": false,
        "default": "5m"
      },
      {
        "name": "swarm-secrets",
        "description": "(ssh-deploy) swarm: KEY=VALUE lines that become Docker secrets (from stdin) for the stack file's secrets.",
        "required": false,
        "default": ""
      },
      {
        "name": "zero-downtime",
        "description": "(ssh-deploy) compose: start the new version beside the old on a free port, health-check it, switch the proxy, drain, then stop the old one. Needs health-url.",
        "required": false,
        "default": "false"
      },
      {
        "name": "slot-ports",
        "description": "(ssh-deploy) zero-downtime: host port range the side-by-side copy may use (checked free on the host first).",
        "required": false,
        "default": "20080-20099"
      },
      {
        "name": "port-env",
        "description": "(ssh-deploy) zero-downtime: environment variable through which the app reads its port.",
        "required": false,
        "default": "PORT"
      },
      {
        "name": "proxy",
        "description": "(ssh-deploy) zero-downtime: caddy (admin API), nginx (include file + nginx -t + reload) or command.",
        "required": false,
        "default": "caddy"
      },
      {
        "name": "caddy-admin",
        "description": "(ssh-deploy) zero-downtime: Caddy admin API address on the host's loopback.",
        "required": false,
        "default": "127.0.0.1:2019"
      },
      {
        "name": "nginx-upstream-file",
        "description": "(ssh-deploy) zero-downtime with proxy nginx: the upstream include file Slipway rewrites (writable by the SSH user).",
        "required": false,
        "default": ""
      },
      {
        "name": "nginx-command",
        "description": "(ssh-deploy) zero-downtime with proxy nginx: the nginx command (for -t and -s reload).",
        "required": false,
        "default": "nginx"
      },
      {
        "name": "proxy-switch-command",
        "description": "(ssh-deploy) zero-downtime with proxy command: a command on the host that points the proxy at the port given as its last argument.",
        "required": false,
        "default": ""
      },
      {
        "name": "proxy-health-url",
        "description": "(ssh-deploy) zero-downtime: a URL through the proxy that must report the new version after the switch.",
        "required": false,
        "default": ""
      },
      {
        "name": "drain-timeout",
        "description": "(ssh-deploy) zero-downtime: longest wait for the old copy's open connections to finish before it is stopped.",
        "required": false,
        "default": "30s"
      },
      {
        "name": "watch-window",
        "description": "(ssh-deploy) zero-downtime: how long health is watched after the switch; red within it switches back.",
        "required": false,
        "default": "0s"
      },
      {
        "name": "stop-timeout",
        "description": "(ssh-deploy) zero-downtime: grace period when stopping the old copy.",
        "required": false,
        "default": "10s"
      },
      {
        "name": "cloudron-origin",
        "description": "(ssh-deploy) cloudron: the Cloudron dashboard, my.example.com or https://my.example.com (the REST API is at /api/v1; no SSH).",
        "required": false,
        "default": ""
      },
      {
        "name": "cloudron-token",
        "description": "(ssh-deploy) cloudron: an API token (Profile → API Tokens, Read and Write), from a secret. Sent only as an Authorization: Bearer header, never on a command line or in a URL.",
        "required": false,
        "default": ""
      },
      {
        "name": "cloudron-app",
        "description": "(ssh-deploy) cloudron: the installed app, by id or location (staging.example.com); for modes update, rollback and move.",
        "required": false,
        "default": ""
      },
      {
        "name": "cloudron-location",
        "description": "(ssh-deploy) cloudron: install: the new app's location (staging.example.com, side by side); move: where the app goes (example.com for the apex).",
        "required": false,
        "default": ""
      },
      {
        "name": "cloudron-manifest",
        "description": "(ssh-deploy) cloudron: the path to CloudronManifest.json; its version must equal the image tag and be greater than the installed version.",
        "required": false,
        "default": "CloudronManifest.json"
      },
      {
        "name": "cloudron-backup",
        "description": "(ssh-deploy) cloudron: mode rollback: the backup id to restore; by default the newest backup of a version below the running one.",
        "required": false,
        "default": ""
      },
      {
        "name": "cloudron-task-timeout",
        "description": "(ssh-deploy) cloudron: how long one Cloudron task (install, update, restore, move) may run.",
        "required": false,
        "default": "30m"
      },
      {
        "name": "cloudron-poll-interval",
        "description": "(ssh-deploy) cloudron: how often Slipway asks Cloudron about a task and the app.",
        "required": false,
        "default": "2s"
      },
      {
        "name": "cloudron-verify-anonymous-pull",
        "description": "(ssh-deploy) cloudron: before any change, check the image pulls without credentials for linux/amd64 (Cloudron pulls anonymously).",
        "required": false,
        "default": "true"
      },
      {
        "name": "cloudron-version-path",
        "description": "(ssh-deploy) cloudron: the JSON path in the health response that must hold the deployed version (unset: not checked).",
        "required": false,
        "default": ""
      },
      {
        "name": "url",
        "description": "(smoke-test) The one-line form: the health endpoint to check, e.g. 'https://app.example.com/api/health'. Combine with expect-version.",
        "required": false,
        "default": ""
      },
      {
        "name": "expect-version",
        "description": "(smoke-test) The deployed version that must appear at version-path in the url's JSON body; a stale version keeps the check failing until the timeout.",
        "required": false,
        "default": ""
      },
      {
        "name": "version-path",
        "description": "(smoke-test) Where the version is in the JSON body: 'version', 'build.version', '$.app[\"version\"]'.",
        "required": false,
        "default": "version"
      },
      {
        "name": "checks",
        "description": "(smoke-test) A YAML list of checks. Each: url (required), name, method, headers (map), secret-headers (names of headers whose values are secret),\nbody, expect-status (200, [200, 204] or 2xx), json (assertions: 'path == value', !=, <, >, contains, matches, exists; or a map of path: value),\nbody-contains, body-matches, max-latency, expect-version, version-path, health-document (false to ignore status/ok fields), connect-to.",
        "required": false,
        "default": ""
      },
      {
        "name": "checks-file",
        "description": "(smoke-test) A YAML file (relative to the workspace) with the same list of checks.",
        "required": false,
        "default": ""
      },
      {
        "name": "expect-status",
        "description": "(smoke-test) Default accepted status for every check: a code, a list (200, 204) or a class (2xx).",
        "required": false,
        "default": "2xx"
      },
      {
        "name": "headers",
        "description": "(smoke-test) KEY=VALUE headers sent with every request, one per line.",
        "required": false,
        "default": ""
      },
      {
        "name": "secret-headers",
        "description": "(smoke-test) KEY=VALUE headers whose values are secret (e.g. 'Authorization=Bearer secrets.HEALTH_TOKEN'): sent with every request, never printed.",
        "required": false,
        "default": ""
      },
      {
        "name": "max-latency",
        "description": "(smoke-test) Default latency budget per request (e.g. 500ms); a slower answer fails the attempt.",
        "required": false,
        "default": ""
      },
      {
        "name": "timeout",
        "description": "(smoke-test) Readiness deadline: retry with backoff until every check passes or this long has passed.",
        "required": false,
        "default": "60s"
      },
      {
        "name": "request-timeout",
        "description": "(smoke-test) Give up on one request after this long.",
        "required": false,
        "default": "10s"
      },
      {
        "name": "consecutive-passes",
        "description": "(smoke-test) Passes in a row each check needs once it first passes, so a flapping service fails.",
        "required": false,
        "default": "3"
      },
      {
        "name": "max-retry-interval",
        "description": "(smoke-test) Longest pause between retries (the backoff starts at 100ms and grows by half each retry).",
        "required": false,
        "default": "5s"
      },
      {
        "name": "ca-cert",
        "description": "(smoke-test) A CA certificate (PEM text or a file path) trusted besides the system roots, for a private CA. TLS is always verified.",
        "required": false,
        "default": ""
      },
      {
        "name": "connect-to",
        "description": "(smoke-test) Dial this address[:port] instead of the URL's host, keeping the URL's name for Host and TLS (SNI, certificate): check a new server before DNS points at it.",
        "required": false,
        "default": ""
      },
      {
        "name": "soak-requests",
        "description": "(smoke-test) After readiness, send up to this many requests per check (0: no soak).",
        "required": false,
        "default": "0"
      },
      {
        "name": "soak-duration",
        "description": "(smoke-test) Stop the soak after this long even if requests remain.",
        "required": false,
        "default": "30s"
      },
      {
        "name": "soak-concurrency",
        "description": "(smoke-test) Requests in flight at once during the soak.",
        "required": false,
        "default": "4"
      },
      {
        "name": "soak-max-p95",
        "description": "(smoke-test) Fail when the soak p95 latency is above this (e.g. 300ms).",
        "required": false,
        "default": ""
      },
      {
        "name": "soak-max-error-rate",
        "description": "(smoke-test) Fail when more than this share of soak requests fail their check (e.g. 1%).",
        "required": false,
        "default": "0%"
      },
      {
        "name": "via-ssh",
        "description": "(smoke-test) true: run the checks from inside each host through SSH (for loopback-only ports). Empty: true when the checks come from health-url (no url or checks given), else false.",
        "required": false,
        "default": ""
      },
      {
        "name": "deploy-image",
        "description": "(pipeline) Deploy this existing image (a full reference, ideally pinned by digest) instead of building one: build-image and push-image are skipped. The same as ssh-deploy's image.",
        "required": false,
        "default": ""
      },
      {
        "name": "check-version",
        "description": "(pipeline) true: the smoke test expects the app to report the deployed version (at version-path, default 'version') unless expect-version is set. false: no version check.",
        "required": false,
        "default": "true"
      },
      {
        "name": "rollback-on-failure",
        "description": "(pipeline) true: when the smoke test fails, every host this run changed goes back to the version it ran before (ssh-deploy mode rollback, from host state), and the job fails saying so. false: fail without rolling back.",
        "required": false,
        "default": "true"
      },
      {
        "name": "dry-run",
        "description": "(pipeline) true: print the plan (commands per host, images, checks) and touch nothing.",
        "required": false,
        "default": "false"
      }
    ]
  },
  "build-image": {
    "file": "actions/build-image/action.yml",
    "description": "Build a Docker image for linux/amd64 from a Dockerfile, tagged from git, with OCI labels and a layer cache kept across runs.",
    "inputs": [
      {
        "name": "image",
        "description": "Repository to tag, without a tag: 'git.example.com/team/app'.",
        "required": true,
        "default": ""
      },
      {
        "name": "context",
        "description": "Build context directory, relative to the workspace.",
        "required": false,
        "default": "."
      },
      {
        "name": "dockerfile",
        "description": "Dockerfile path, relative to the context.",
        "required": false,
        "default": "Dockerfile"
      },
      {
        "name": "platforms",
        "description": "The one target platform (linux/amd64, linux/arm64, ...). One platform per build-image step: the image is loaded into the local engine, which holds one platform per tag, so a list is refused.",
        "required": false,
        "default": "linux/amd64"
      },
      {
        "name": "tags",
        "description": "Extra tags besides those from git (sha-<short>, sha-<full>, branch, semver from a v1.2.3 tag), one per line. An entry with a registry or repository names the same build elsewhere: 'registry/app' gets every tag of this build, 'registry/app:tag' that one tag; all of them are one image, so every registry gets the same digest (push each registry with its own push-image step).",
        "required": false,
        "default": ""
      },
      {
        "name": "latest",
        "description": "Tag 'latest': auto (on the default branch only), true or false.",
        "required": false,
        "default": "auto"
      },
      {
        "name": "version",
        "description": "Version recorded in the org.opencontainers.image.version label. Default: the semver tag, else the short sha.",
        "required": false,
        "default": ""
      },
      {
        "name": "build-args",
        "description": "KEY=VALUE build arguments, one per line. Secret-looking names are refused: use build-secrets.",
        "required": false,
        "default": ""
      },
      {
        "name": "build-secrets",
        "description": "id=value BuildKit secrets, one per line (read with RUN --mount=type=secret,id=...). Values never reach argv, logs or layers.",
        "required": false,
        "default": ""
      },
      {
        "name": "labels",
        "description": "Extra KEY=VALUE labels, one per line.",
        "required": false,
        "default": ""
      },
      {
        "name": "target",
        "description": "Multi-stage target to build.",
        "required": false,
        "default": ""
      },
      {
        "name": "network",
        "description": "Network for RUN steps (e.g. 'host' on runners without a bridge).",
        "required": false,
        "default": ""
      },
      {
        "name": "layer-cache",
        "description": "Keep the layer cache across runs with the Actions cache: auto (on in CI, off on a laptop, where the engine keeps its own), on or off.",
        "required": false,
        "default": "auto"
      },
      {
        "name": "no-cache",
        "description": "Build every step afresh, ignoring all layer caches.",
        "required": false,
        "default": "false"
      },
      {
        "name": "cache-key-files",
        "description": "Files whose change means new dependencies (cache miss). Default: common lockfiles found in the context, plus the Dockerfile.",
        "required": false,
        "default": ""
      }
    ]
  },
  "preview": {
    "file": "actions/preview/action.yml",
    "description": "A preview environment per pull request on your own host over SSH: its own compose project, env file with host-made secrets, named volumes and loopback port; smoke-checked, announced on the PR, removed without a trace.",
    "inputs": [
      {
        "name": "command",
        "description": "up (create or update the PR's preview), down (remove it: project, volumes, env file, state), list (previews with disk use) or reap (remove previews whose PR is closed or that are older than max-age).",
        "required": false,
        "default": "up"
      },
      {
        "name": "host",
        "description": "The host: '[user@]host[:port]'.",
        "required": false,
        "default": ""
      },
      {
        "name": "hosts",
        "description": "Several hosts, one per line: '[user@]host[:port]'. Deployed all at once or in batches (batch-size).",
        "required": false,
        "default": ""
      },
      {
        "name": "port",
        "description": "SSH port for hosts that do not name one.",
        "required": false,
        "default": "22"
      },
      {
        "name": "user",
        "description": "SSH user for hosts that do not name one.",
        "required": false,
        "default": "deploy"
      },
      {
        "name": "private-key",
        "description": "The private key (from a secret: secrets.DEPLOY_KEY), or a path to a key file. Written 0600 to a private temp dir, removed at the end.",
        "required": true,
        "default": ""
      },
      {
        "name": "passphrase",
        "description": "The key's passphrase, if any: the key is loaded into a short-lived ssh-agent that is killed at the end.",
        "required": false,
        "default": ""
      },
      {
        "name": "known-hosts",
        "description": "known_hosts lines for the hosts (and jump host), e.g. the checked output of 'ssh-keyscan -p 22 host', or a path to such a file.",
        "required": false,
        "default": ""
      },
      {
        "name": "host-fingerprint",
        "description": "Pinned host key fingerprints ('SHA256:…', from 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub' on the host); one per line.",
        "required": false,
        "default": ""
      },
      {
        "name": "trust-on-first-use",
        "description": "Accept an unknown host key (never a changed one), with a warning. Unsafe: prefer known-hosts or host-fingerprint. Refused together with host-fingerprint (a pin is authoritative).",
        "required": false,
        "default": "false"
      },
      {
        "name": "jump-host",
        "description": "ProxyJump host '[user@]host[:port]'; checked against the same known-hosts.",
        "required": false,
        "default": ""
      },
      {
        "name": "connect-timeout",
        "description": "How long to wait for a host to answer before failing.",
        "required": false,
        "default": "15s"
      },
      {
        "name": "command-timeout",
        "description": "Limit for one remote command.",
        "required": false,
        "default": "10m"
      },
      {
        "name": "app",
        "description": "Short name of the application: each preview is the compose project '<app>-pr-<n>' (its containers and named volumes carry that prefix).",
        "required": true,
        "default": ""
      },
      {
        "name": "app-dir",
        "description": "The production application directory on the host, e.g. /srv/shop. Its compose file is reused; previews keep their env file and state under .slipway/previews/pr-<n>/.",
        "required": true,
        "default": ""
      },
      {
        "name": "pr",
        "description": "The pull request number (up and down).",
        "required": false,
        "default": ""
      },
      {
        "name": "image",
        "description": "up: the PR's image, e.g. registry.example.com/shop:pr-12.",
        "required": false,
        "default": ""
      },
      {
        "name": "version",
        "description": "The version shown in the announcement and expected in the health document. Defaults to the image tag.",
        "required": false,
        "default": ""
      },
      {
        "name": "sha",
        "description": "The commit the preview runs: a GitHub deployment (Forgejo: a commit status) is recorded for it.",
        "required": false,
        "default": ""
      },
      {
        "name": "compose-file",
        "description": "Compose files inside app-dir, one per line. Named volumes without name:/external: are per preview; bind mounts are refused.",
        "required": false,
        "default": "docker-compose.yml"
      },
      {
        "name": "service",
        "description": "The compose service that runs the image.",
        "required": false,
        "default": "app"
      },
      {
        "name": "env-template",
        "description": "An env template inside app-dir: 'KEY={{generate}}' gets 32 random bytes (hex) made on the host, '{{pr}}', '{{port}}', '{{host}}', '{{url}}' and '{{project}}' are replaced. Never production's env file.",
        "required": false,
        "default": ""
      },
      {
        "name": "seed",
        "description": "A command run once inside the service after the preview's first start (sh -c), e.g. seeding demo users.",
        "required": false,
        "default": ""
      },
      {
        "name": "port-base",
        "description": "A multiple of 1000: preview pr-<n> listens on 127.0.0.1 port port-base + (n mod 1000), the port the static proxy snippets compute from the host name.",
        "required": false,
        "default": "40000"
      },
      {
        "name": "domain",
        "description": "Previews answer at pr-<n>.<domain>.",
        "required": false,
        "default": "preview.localhost"
      },
      {
        "name": "scheme",
        "description": "http or https, for the announced URL.",
        "required": false,
        "default": "https"
      },
      {
        "name": "health-path",
        "description": "Path of the health document, checked on the preview's port with the smoke probe before it is announced.",
        "required": false,
        "default": "/api/health"
      },
      {
        "name": "health-timeout",
        "description": "How long the preview may take to become healthy.",
        "required": false,
        "default": "60s"
      },
      {
        "name": "max-previews",
        "description": "How many previews may run at once.",
        "required": false,
        "default": "5"
      },
      {
        "name": "when-full",
        "description": "evict-oldest (remove the oldest preview to make room) or refuse (fail the up).",
        "required": false,
        "default": "evict-oldest"
      },
      {
        "name": "max-age",
        "description": "reap: a preview older than this is removed even if its PR is still open (0 = no age limit).",
        "required": false,
        "default": "14d"
      },
      {
        "name": "forge",
        "description": "github or forgejo (detected from the runner).",
        "required": false,
        "default": ""
      },
      {
        "name": "forge-url",
        "description": "The API base: https://api.github.com, or https://<forgejo>/api/v1. Defaults to the runner’s API URL.",
        "required": false,
        "default": ""
      },
      {
        "name": "repository",
        "description": "owner/name; defaults to the repository the workflow runs in.",
        "required": false,
        "default": ""
      },
      {
        "name": "forge-token",
        "description": "Token for reap (reads PR state) and announcements (PR comment, deployment or commit status), e.g. secrets.GITHUB_TOKEN.",
        "required": false,
        "default": ""
      },
      {
        "name": "announce",
        "description": "Keep one PR comment up to date and record a GitHub deployment (environment_url) or a Forgejo commit status (target_url).",
        "required": false,
        "default": "true"
      },
      {
        "name": "lock-timeout",
        "description": "How long to wait for another preview operation on the host to finish.",
        "required": false,
        "default": "5m"
      },
      {
        "name": "lock-stale-after",
        "description": "A previews lock older than this is broken, with a warning.",
        "required": false,
        "default": "1h"
      }
    ]
  },
  "push-image": {
    "file": "actions/push-image/action.yml",
    "description": "Push image tags to any v2 registry (password on stdin), output the manifest digest, verify a pull by digest and its platform, log out.",
    "inputs": [
      {
        "name": "tags",
        "description": "Full references to push, one per line (build-image's 'tags' output). When they name several registries, only those of 'registry' are pushed.",
        "required": true,
        "default": ""
      },
      {
        "name": "registry",
        "description": "Registry host. Default: read from the tags; required when the tags name several registries (one push-image step per registry, each with its own credentials).",
        "required": false,
        "default": ""
      },
      {
        "name": "username",
        "description": "Registry user. Empty: push without logging in.",
        "required": false,
        "default": ""
      },
      {
        "name": "password",
        "description": "Registry password or token, from a secret. Gitea/Forgejo: a personal access token with package scope (the job token cannot push packages).",
        "required": false,
        "default": ""
      },
      {
        "name": "verify-platform",
        "description": "Pull back by digest and check this platform; 'none' skips the check.",
        "required": false,
        "default": "linux/amd64"
      },
      {
        "name": "verify-anonymous-pull",
        "description": "Also pull by digest with an empty Docker config: proves a public package pulls without credentials.",
        "required": false,
        "default": "false"
      },
      {
        "name": "expect-anonymous-pull",
        "description": "'true': as verify-anonymous-pull. 'false': the registry must refuse a pull without credentials, and the step fails when an anonymous pull succeeds (a private registry that turned public): a registry whose API answers anyone is refused before anything is pushed, a token registry (Gitea/Forgejo) is asked for the pushed digest anonymously. Empty: not checked.",
        "required": false,
        "default": ""
      },
      {
        "name": "retries",
        "description": "Retries of login and push on network errors and 5xx (with backoff). 401/403 are never retried.",
        "required": false,
        "default": "3"
      },
      {
        "name": "rate-limit-wait",
        "description": "Longest total wait for a registry answering 429 (e.g. 2m).",
        "required": false,
        "default": "2m"
      }
    ]
  },
  "restore-drill": {
    "file": "actions/restore-drill/action.yml",
    "description": "Restore the newest backup (SQLite, restic, borg, PostgreSQL, tarball) into a scratch place, verify the backup, the data and optionally the app, and report RPO and RTO.",
    "inputs": [
      {
        "name": "mode",
        "description": "'drill' restores and verifies; 'staleness' only checks that the drill workflow succeeded within max-staleness (for the deploy pipeline).",
        "required": false,
        "default": "drill"
      },
      {
        "name": "name",
        "description": "Name of this drill: used in the report file, the history of row counts and the issue title.",
        "required": false,
        "default": "restore-drill"
      },
      {
        "name": "source",
        "description": "Where the backup is: 'sqlite' (a live database, read online-safe), 'restic', 'borg', 'postgres' (dump file or live database) or 'tarball' (a tar file or a Docker volume).",
        "required": false,
        "default": ""
      },
      {
        "name": "database-path",
        "description": "source sqlite: the live SQLite file (on the runner, in 'container', or on 'host' over SSH). Backups: the SQLite file inside the backup, as it was backed up (found automatically when there is only one).",
        "required": false,
        "default": ""
      },
      {
        "name": "restore-as",
        "description": "Rename the restored SQLite database (with its -wal/-shm files) to this bare file name, the one the app expects (e.g. 'portal.db' for a backup of 'portal.snapshot.<timestamp>.db'). Refused over a file the backup also holds. Not for source postgres.",
        "required": false,
        "default": ""
      },
      {
        "name": "container",
        "description": "source sqlite: a running container holding the database (sqlite3 must be installed in it); the snapshot is taken with docker exec.",
        "required": false,
        "default": ""
      },
      {
        "name": "host",
        "description": "source sqlite: take the snapshot on this host over SSH, '[user@]host[:port]' (the ssh-deploy transport and its inputs: port, user, private-key, passphrase, known-hosts, host-fingerprint).",
        "required": false,
        "default": ""
      },
      {
        "name": "port",
        "description": "SSH port of host.",
        "required": false,
        "default": "22"
      },
      {
        "name": "user",
        "description": "SSH user on host.",
        "required": false,
        "default": "deploy"
      },
      {
        "name": "private-key",
        "description": "Private key for host (a secret), or a path to a key file.",
        "required": false,
        "default": ""
      },
      {
        "name": "passphrase",
        "description": "Passphrase of private-key (a secret).",
        "required": false,
        "default": ""
      },
      {
        "name": "known-hosts",
        "description": "known_hosts lines (or a file) that pin the key of host.",
        "required": false,
        "default": ""
      },
      {
        "name": "host-fingerprint",
        "description": "Pinned SHA256: fingerprint(s) of the key of host, instead of known-hosts.",
        "required": false,
        "default": ""
      },
      {
        "name": "repository",
        "description": "source restic/borg: the repository (a path, sftp:, s3:, ssh:// …).",
        "required": false,
        "default": ""
      },
      {
        "name": "password",
        "description": "source restic/borg: the repository password (a secret; passed as RESTIC_PASSWORD / BORG_PASSPHRASE, never on the command line).",
        "required": false,
        "default": ""
      },
      {
        "name": "password-command",
        "description": "source restic/borg: a command printing the password (RESTIC_PASSWORD_COMMAND / BORG_PASSCOMMAND), instead of password.",
        "required": false,
        "default": ""
      },
      {
        "name": "snapshot",
        "description": "Which backup to drill: 'latest', a restic snapshot id (8+ characters) or a borg archive name.",
        "required": false,
        "default": "latest"
      },
      {
        "name": "tags",
        "description": "restic: only snapshots with these tags (one per line).",
        "required": false,
        "default": ""
      },
      {
        "name": "snapshot-path",
        "description": "restic: only snapshots of this path. borg: an archive name glob, e.g. 'lynx-portal-*'.",
        "required": false,
        "default": ""
      },
      {
        "name": "read-data-subset",
        "description": "restic check --read-data-subset, e.g. '5%' or '1/7' (empty: check the metadata only).",
        "required": false,
        "default": ""
      },
      {
        "name": "skip-repository-check",
        "description": "Skip restic check / borg check (they can take long on big repositories).",
        "required": false,
        "default": "false"
      },
      {
        "name": "also-random-older",
        "description": "Also restore a randomly chosen older snapshot and check its integrity.",
        "required": false,
        "default": "false"
      },
      {
        "name": "dump-file",
        "description": "source postgres: a pg_dump custom-format file.",
        "required": false,
        "default": ""
      },
      {
        "name": "pg-database",
        "description": "source postgres: a live database to dump for the drill (instead of dump-file).",
        "required": false,
        "default": ""
      },
      {
        "name": "pg-host",
        "description": "PostgreSQL server the scratch database is created on.",
        "required": false,
        "default": "127.0.0.1"
      },
      {
        "name": "pg-port",
        "description": "PostgreSQL port.",
        "required": false,
        "default": "5432"
      },
      {
        "name": "pg-user",
        "description": "A role with CREATEDB and no superuser rights: a dump can carry code. The drill checks this and fails, restoring nothing, when pg-user is a superuser.",
        "required": false,
        "default": "slipway"
      },
      {
        "name": "pg-password",
        "description": "Password of pg-user (a secret; passed as PGPASSWORD).",
        "required": false,
        "default": ""
      },
      {
        "name": "pg-maintenance-database",
        "description": "Database to connect to for CREATE/DROP DATABASE.",
        "required": false,
        "default": "postgres"
      },
      {
        "name": "scratch-database",
        "description": "Name of the scratch database (created and dropped by the drill; refused if it is the source). Empty: generated.",
        "required": false,
        "default": ""
      },
      {
        "name": "tarball",
        "description": "source tarball: a tar file of a data directory.",
        "required": false,
        "default": ""
      },
      {
        "name": "volume",
        "description": "source tarball: a Docker volume, packed read-only through helper-image.",
        "required": false,
        "default": ""
      },
      {
        "name": "helper-image",
        "description": "An image with tar, used to pack a Docker volume (runs with --network none).",
        "required": false,
        "default": "busybox"
      },
      {
        "name": "tables",
        "description": "Tables that must exist, one per line.",
        "required": false,
        "default": ""
      },
      {
        "name": "min-rows",
        "description": "Minimum row counts, TABLE=N one per line.",
        "required": false,
        "default": ""
      },
      {
        "name": "queries",
        "description": "SQL queries with their expected result, one per line: 'SELECT count(*) FROM students => 3' (columns joined by |, rows by newlines). '{restored}' (the restored SQLite file on the runner, or the scratch PostgreSQL database) and '{restored-dir}' are replaced on both sides.",
        "required": false,
        "default": ""
      },
      {
        "name": "max-age",
        "description": "The backup (and, with freshness-column, the newest row) must be younger than this, e.g. '26h'.",
        "required": false,
        "default": ""
      },
      {
        "name": "freshness-column",
        "description": "table.column holding a timestamp (ISO-8601, SQLite datetime, unix seconds, or a PostgreSQL timestamp) whose newest value must be within max-age (without max-age it checks nothing, and the drill warns).",
        "required": false,
        "default": ""
      },
      {
        "name": "shrink-tolerance",
        "description": "Fail when a table has lost more than this percentage of its rows since the last passing drill ('valid but empty').",
        "required": false,
        "default": "10"
      },
      {
        "name": "previous-report",
        "description": "A file with the last passing report (for the row-count comparison). Empty: the Actions cache in CI, .slipway/<name>-last-pass.json locally.",
        "required": false,
        "default": ""
      },
      {
        "name": "app-image",
        "description": "Boot this image on the restored data (host network, a port the drill chooses) and health-check it. Empty: no app boot.",
        "required": false,
        "default": ""
      },
      {
        "name": "app-args",
        "description": "Arguments after the image, one per line; '{port}' is replaced by the chosen port, '{restored}' by the restored database as the app sees it (its path under app-data-mount, or the scratch PostgreSQL database's name) and '{restored-dir}' by app-data-mount.",
        "required": false,
        "default": ""
      },
      {
        "name": "app-env",
        "description": "KEY=VALUE environment for the app, one per line (passed through the environment, not argv; every value is treated as a secret and masked). '{restored}' and '{restored-dir}' are replaced as in app-args, e.g. 'DATABASE_PATH={restored}'.",
        "required": false,
        "default": ""
      },
      {
        "name": "app-port-env",
        "description": "Environment variable that tells the app which port to listen on.",
        "required": false,
        "default": "PORT"
      },
      {
        "name": "app-data-mount",
        "description": "Where the restored data (the database's directory) is mounted in the app container.",
        "required": false,
        "default": "/data"
      },
      {
        "name": "app-health-path",
        "description": "Health endpoint of the app.",
        "required": false,
        "default": "/healthz"
      },
      {
        "name": "app-expect-status",
        "description": "HTTP status the health endpoint must answer.",
        "required": false,
        "default": "200"
      },
      {
        "name": "app-timeout",
        "description": "How long the app may take to answer healthy.",
        "required": false,
        "default": "60s"
      },
      {
        "name": "scratch-root",
        "description": "Where the scratch directory is made (default RUNNER_TEMP or /tmp).",
        "required": false,
        "default": ""
      },
      {
        "name": "scratch-dir",
        "description": "Restore into this directory (must not exist or be empty; refused if it is or holds the source; removed afterwards). Empty: a fresh temporary directory.",
        "required": false,
        "default": ""
      },
      {
        "name": "report-file",
        "description": "Where the JSON report is written (relative to the workspace).",
        "required": false,
        "default": ""
      },
      {
        "name": "timeout",
        "description": "Upper bound for the whole drill: at the deadline the running command is stopped, the scratch place (directory, containers, databases) is still removed, and the drill fails naming the step it was in.",
        "required": false,
        "default": "30m"
      },
      {
        "name": "forge-token",
        "description": "Token for the issue and staleness features (GITHUB_TOKEN with issues: write and actions: read, or a Forgejo token).",
        "required": false,
        "default": ""
      },
      {
        "name": "forge",
        "description": "'github' or 'forgejo' (detected from the runner).",
        "required": false,
        "default": ""
      },
      {
        "name": "forge-api-url",
        "description": "API base URL (default GITHUB_API_URL, or <server>/api/v1 on Forgejo).",
        "required": false,
        "default": ""
      },
      {
        "name": "forge-repository",
        "description": "owner/name of the repository for issues and runs (default: this one).",
        "required": false,
        "default": ""
      },
      {
        "name": "issue-on-failure",
        "description": "Open (or comment on the open) issue when the drill fails, and close it when the drill passes again.",
        "required": false,
        "default": "false"
      },
      {
        "name": "issue-title",
        "description": "Title of the drill issue (the open issue with this title is reused). Default: Restore drill '<name>' is failing.",
        "required": false,
        "default": ""
      },
      {
        "name": "issue-labels",
        "description": "Labels for a new issue (GitHub; Forgejo wants label ids, so none are set there).",
        "required": false,
        "default": ""
      },
      {
        "name": "drill-workflow",
        "description": "mode staleness: the drill workflow's file name, e.g. 'restore-drill.yml'.",
        "required": false,
        "default": ""
      },
      {
        "name": "max-staleness",
        "description": "mode staleness: the last successful drill run may be at most this old.",
        "required": false,
        "default": "8d"
      },
      {
        "name": "on-stale",
        "description": "mode staleness: 'warn' or 'fail' when the last successful drill is too old.",
        "required": false,
        "default": "fail"
      }
    ]
  },
  "secret-scan": {
    "file": "actions/secret-scan/action.yml",
    "description": "Scan a pull request, a push, the working tree or the whole history for committed secrets. Never prints a secret.",
    "inputs": [
      {
        "name": "mode",
        "description": "auto (from the event: pull_request → pr, push → push, schedule → history, otherwise tree), pr, push, tree or history.",
        "required": false,
        "default": "auto"
      },
      {
        "name": "working-directory",
        "description": "The checked-out repository to scan.",
        "required": false,
        "default": "."
      },
      {
        "name": "base",
        "description": "pr mode: the base commit or branch (default: the pull request's base sha from the event). Like head, before, after and ref, it must be a valid ref name or commit id (never starting with '-').",
        "required": false,
        "default": ""
      },
      {
        "name": "base-ref",
        "description": "pr mode: the base branch name, fetched when the base commit cannot be fetched by sha (default: from the event).",
        "required": false,
        "default": ""
      },
      {
        "name": "head",
        "description": "pr mode: the head commit (default: the pull request's head sha); history mode: walk back from this commit only (default: every ref).",
        "required": false,
        "default": ""
      },
      {
        "name": "before",
        "description": "push mode: the commit before the push (default: from the event). All zeros (a new branch), or a commit gone after a force push, scans every commit of the branch that no other branch has (other branches are fetched when the checkout lacks them; at most 200 commits, said in the summary).",
        "required": false,
        "default": ""
      },
      {
        "name": "after",
        "description": "push mode: the commit after the push (default: from the event).",
        "required": false,
        "default": ""
      },
      {
        "name": "ref",
        "description": "push mode: the pushed ref, e.g. refs/heads/feature (default: from the event, else GITHUB_REF); its copies are not counted as other branches.",
        "required": false,
        "default": ""
      },
      {
        "name": "config",
        "description": "Scanner config in the repository (extra rules, disabled rules, allowlists). A missing default file is fine; a missing file you name is an error. pr mode reads it (and the baseline) from the merge base, push mode from the old head: a change's own edits to them take effect after merge.",
        "required": false,
        "default": ".slipway/secret-scan.yml"
      },
      {
        "name": "baseline",
        "description": "Baseline file of accepted finding fingerprints (relative to working-directory).",
        "required": false,
        "default": ".slipway/secret-scan-baseline.json"
      },
      {
        "name": "write-baseline",
        "description": "Write every current finding to the baseline file and succeed (adopting the scanner on an old repository). Commit the file afterwards.",
        "required": false,
        "default": "false"
      },
      {
        "name": "sarif",
        "description": "Where to write the SARIF 2.1.0 report (for github/codeql-action/upload-sarif); \"none\" for no file.",
        "required": false,
        "default": "secret-scan.sarif"
      },
      {
        "name": "max-file-size",
        "description": "Files (or a file's added lines) larger than this are skipped, e.g. 1MB or 500KB; each skipped file is named in the log, the summary and the SARIF file. `max-file-size:` in the config file takes precedence.",
        "required": false,
        "default": "1MB"
      },
      {
        "name": "comment",
        "description": "Create or update one pull-request comment with the findings (GitHub or Forgejo API).",
        "required": false,
        "default": "false"
      },
      {
        "name": "token",
        "description": "API token for the comment (GitHub: secrets.GITHUB_TOKEN with pull-requests: write; Forgejo: a token with write:issue).",
        "required": false,
        "default": ""
      },
      {
        "name": "pr-number",
        "description": "Pull request number for the comment (default from the event).",
        "required": false,
        "default": ""
      },
      {
        "name": "repository",
        "description": "owner/name for the comment (default from the run).",
        "required": false,
        "default": ""
      },
      {
        "name": "api-url",
        "description": "API base URL (default: GITHUB_API_URL on GitHub, <server>/api/v1 on Forgejo).",
        "required": false,
        "default": ""
      }
    ]
  },
  "smoke-test": {
    "file": "actions/smoke-test/action.yml",
    "description": "Prove the deploy is live: wait until the app answers, check its version, JSON, body and latency, optionally soak it; over HTTPS with a private CA, a pinned Host/SNI, or through SSH to a loopback-only port.",
    "inputs": [
      {
        "name": "url",
        "description": "The one-line form: the health endpoint to check, e.g. 'https://app.example.com/api/health'. Combine with expect-version.",
        "required": false,
        "default": ""
      },
      {
        "name": "expect-version",
        "description": "The deployed version that must appear at version-path in the url's JSON body; a stale version keeps the check failing until the timeout.",
        "required": false,
        "default": ""
      },
      {
        "name": "version-path",
        "description": "Where the version is in the JSON body: 'version', 'build.version', '$.app[\"version\"]'.",
        "required": false,
        "default": "version"
      },
      {
        "name": "checks",
        "description": "A YAML list of checks. Each: url (required), name, method, headers (map), secret-headers (names of headers whose values are secret),\nbody, expect-status (200, [200, 204] or 2xx), json (assertions: 'path == value', !=, <, >, contains, matches, exists; or a map of path: value),\nbody-contains, body-matches, max-latency, expect-version, version-path, health-document (false to ignore status/ok fields), connect-to.",
        "required": false,
        "default": ""
      },
      {
        "name": "checks-file",
        "description": "A YAML file (relative to the workspace) with the same list of checks.",
        "required": false,
        "default": ""
      },
      {
        "name": "expect-status",
        "description": "Default accepted status for every check: a code, a list (200, 204) or a class (2xx).",
        "required": false,
        "default": "2xx"
      },
      {
        "name": "headers",
        "description": "KEY=VALUE headers sent with every request, one per line.",
        "required": false,
        "default": ""
      },
      {
        "name": "secret-headers",
        "description": "KEY=VALUE headers whose values are secret (e.g. 'Authorization=Bearer secrets.HEALTH_TOKEN'): sent with every request, never printed.",
        "required": false,
        "default": ""
      },
      {
        "name": "max-latency",
        "description": "Default latency budget per request (e.g. 500ms); a slower answer fails the attempt.",
        "required": false,
        "default": ""
      },
      {
        "name": "timeout",
        "description": "Readiness deadline: retry with backoff until every check passes or this long has passed.",
        "required": false,
        "default": "60s"
      },
      {
        "name": "request-timeout",
        "description": "Give up on one request after this long.",
        "required": false,
        "default": "10s"
      },
      {
        "name": "consecutive-passes",
        "description": "Passes in a row each check needs once it first passes, so a flapping service fails.",
        "required": false,
        "default": "3"
      },
      {
        "name": "max-retry-interval",
        "description": "Longest pause between retries (the backoff starts at 100ms and grows by half each retry).",
        "required": false,
        "default": "5s"
      },
      {
        "name": "ca-cert",
        "description": "A CA certificate (PEM text or a file path) trusted besides the system roots, for a private CA. TLS is always verified.",
        "required": false,
        "default": ""
      },
      {
        "name": "connect-to",
        "description": "Dial this address[:port] instead of the URL's host, keeping the URL's name for Host and TLS (SNI, certificate): check a new server before DNS points at it.",
        "required": false,
        "default": ""
      },
      {
        "name": "soak-requests",
        "description": "After readiness, send up to this many requests per check (0: no soak).",
        "required": false,
        "default": "0"
      },
      {
        "name": "soak-duration",
        "description": "Stop the soak after this long even if requests remain.",
        "required": false,
        "default": "30s"
      },
      {
        "name": "soak-concurrency",
        "description": "Requests in flight at once during the soak.",
        "required": false,
        "default": "4"
      },
      {
        "name": "soak-max-p95",
        "description": "Fail when the soak p95 latency is above this (e.g. 300ms).",
        "required": false,
        "default": ""
      },
      {
        "name": "soak-max-error-rate",
        "description": "Fail when more than this share of soak requests fail their check (e.g. 1%).",
        "required": false,
        "default": "0%"
      },
      {
        "name": "via-ssh",
        "description": "Reach the URLs from inside the SSH host (a port listening only on its loopback) through ports forwarded over SSH; uses the ssh inputs below.",
        "required": false,
        "default": "false"
      },
      {
        "name": "host",
        "description": "With via-ssh: the SSH host, [user@]host[:port].",
        "required": false,
        "default": ""
      },
      {
        "name": "port",
        "description": "With via-ssh: the SSH port (when host does not name one).",
        "required": false,
        "default": "22"
      },
      {
        "name": "user",
        "description": "With via-ssh: the SSH user (when host does not name one).",
        "required": false,
        "default": "deploy"
      },
      {
        "name": "private-key",
        "description": "With via-ssh: the private key (content from a secret, or a path).",
        "required": false,
        "default": ""
      },
      {
        "name": "passphrase",
        "description": "With via-ssh: the passphrase of private-key, if it has one.",
        "required": false,
        "default": ""
      },
      {
        "name": "known-hosts",
        "description": "With via-ssh: known_hosts lines for the host (lines or a path); the same host-key rules as ssh-deploy.",
        "required": false,
        "default": ""
      },
      {
        "name": "host-fingerprint",
        "description": "With via-ssh: pinned SHA256 fingerprint(s) of the host key, instead of or besides known-hosts.",
        "required": false,
        "default": ""
      },
      {
        "name": "trust-on-first-use",
        "description": "With via-ssh: accept an unknown host key (never a changed one; unsafe; warns with the fingerprint to pin). Refused together with host-fingerprint (a pin is authoritative).",
        "required": false,
        "default": "false"
      },
      {
        "name": "jump-host",
        "description": "With via-ssh: reach the host through this [user@]host[:port].",
        "required": false,
        "default": ""
      },
      {
        "name": "connect-timeout",
        "description": "With via-ssh: give up connecting after this long.",
        "required": false,
        "default": "15s"
      }
    ]
  },
  "ssh-deploy": {
    "file": "actions/ssh-deploy/action.yml",
    "description": "Deploy over SSH to one host or a fleet: docker compose, atomic releases or a script, with host-key checks, a deploy lock, a deploy log and automatic rollback.",
    "inputs": [
      {
        "name": "strategy",
        "description": "compose (point a compose service at a new image), release (upload to releases/<timestamp>, switch current atomically) or script (run commands on the host), or swarm (docker stack deploy on a swarm manager; the engine rolls and rolls back, Slipway waits and reports). Or cloudron (no SSH: Cloudron's REST API with a token; install, update, rollback by restore, move; docs/cloudron.md).",
        "required": false,
        "default": "compose"
      },
      {
        "name": "mode",
        "description": "deploy, or rollback: compose back to the previous image, release back to the previous release, using only what is recorded on the host; or preview (compose only): a preview environment per pull request, the same as actions/preview (preview-action, pr-number, preview-domain). cloudron: install, update (= deploy), rollback (restore a backup) or move.",
        "required": false,
        "default": "deploy"
      },
      {
        "name": "host",
        "description": "One host: '[user@]host[:port]'.",
        "required": false,
        "default": ""
      },
      {
        "name": "hosts",
        "description": "Several hosts, one per line: '[user@]host[:port]'. Deployed all at once or in batches (batch-size).",
        "required": false,
        "default": ""
      },
      {
        "name": "port",
        "description": "SSH port for hosts that do not name one.",
        "required": false,
        "default": "22"
      },
      {
        "name": "user",
        "description": "SSH user for hosts that do not name one.",
        "required": false,
        "default": "deploy"
      },
      {
        "name": "private-key",
        "description": "The private key (from a secret: secrets.DEPLOY_KEY), or a path to a key file. Written 0600 to a private temp dir, removed at the end.",
        "required": true,
        "default": ""
      },
      {
        "name": "passphrase",
        "description": "The key's passphrase, if any: the key is loaded into a short-lived ssh-agent that is killed at the end.",
        "required": false,
        "default": ""
      },
      {
        "name": "known-hosts",
        "description": "known_hosts lines for the hosts (and jump host), e.g. the checked output of 'ssh-keyscan -p 22 host', or a path to such a file.",
        "required": false,
        "default": ""
      },
      {
        "name": "host-fingerprint",
        "description": "Pinned host key fingerprints ('SHA256:…', from 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub' on the host); one per line.",
        "required": false,
        "default": ""
      },
      {
        "name": "trust-on-first-use",
        "description": "Accept an unknown host key (never a changed one), with a warning. Unsafe: prefer known-hosts or host-fingerprint. Refused together with host-fingerprint (a pin is authoritative).",
        "required": false,
        "default": "false"
      },
      {
        "name": "jump-host",
        "description": "ProxyJump host '[user@]host[:port]'; checked against the same known-hosts.",
        "required": false,
        "default": ""
      },
      {
        "name": "connect-timeout",
        "description": "How long to wait for a host to answer before failing.",
        "required": false,
        "default": "15s"
      },
      {
        "name": "command-timeout",
        "description": "Limit for one remote command.",
        "required": false,
        "default": "10m"
      },
      {
        "name": "app-dir",
        "description": "The application directory on the host, e.g. /srv/myapp. '{host}' and '{index}' are replaced per host. Required by every strategy but cloudron.",
        "required": false,
        "default": ""
      },
      {
        "name": "version",
        "description": "The version being deployed, for the deploy log, health-expect and outputs. Defaults to the image tag.",
        "required": false,
        "default": ""
      },
      {
        "name": "env",
        "description": "KEY=VALUE lines for the remote commands (compose interpolation, hooks, scripts). Sent over stdin, never on a command line.",
        "required": false,
        "default": ""
      },
      {
        "name": "service",
        "description": "compose: the service that runs the image.",
        "required": false,
        "default": ""
      },
      {
        "name": "image",
        "description": "compose: the image to run, by tag or digest (registry/app:1.2.3 or registry/app@sha256:…).",
        "required": false,
        "default": ""
      },
      {
        "name": "compose-file",
        "description": "compose: compose files inside app-dir, one per line. Never edited: the image is set through an override Slipway keeps in app-dir/.slipway.",
        "required": false,
        "default": "docker-compose.yml"
      },
      {
        "name": "compose-project",
        "description": "compose: project name (-p), to run isolated instances on one host. Defaults to the app-dir name.",
        "required": false,
        "default": ""
      },
      {
        "name": "env-file",
        "description": "compose: env file inside app-dir (--env-file).",
        "required": false,
        "default": ""
      },
      {
        "name": "pull",
        "description": "compose: pull the image before starting it.",
        "required": false,
        "default": "true"
      },
      {
        "name": "pre-deploy",
        "description": "compose: a command run in app-dir before the switch (e.g. a WAL-safe SQLite snapshot with docker compose exec); a failure stops the deploy.",
        "required": false,
        "default": ""
      },
      {
        "name": "artifact",
        "description": "release: a local directory (rsync over the SSH connection) or a .tar.gz to upload as the new release.",
        "required": false,
        "default": ""
      },
      {
        "name": "shared",
        "description": "release: paths under app-dir/shared linked into every release (env files), one per line.",
        "required": false,
        "default": ""
      },
      {
        "name": "pre-promote",
        "description": "release: commands run inside the new release before it goes live (migrations), one per line.",
        "required": false,
        "default": ""
      },
      {
        "name": "restart",
        "description": "release: commands that restart the services after the switch, one per line. 'sudo' ones are checked with sudo -n before promoting.",
        "required": false,
        "default": ""
      },
      {
        "name": "keep-releases",
        "description": "release: how many release dirs to keep, failed and rolled-back ones counted (current, the one before it and the newest failed one, for forensics, go first).",
        "required": false,
        "default": "5"
      },
      {
        "name": "lock-file",
        "description": "release: the lock file your own deploy script takes, a path under app-dir (.deploy.lock). Slipway takes its lock there (a file) instead of .slipway/lock; a file there it did not write counts as held and the deploy is refused before anything changes. Empty: .slipway/lock.",
        "required": false,
        "default": ""
      },
      {
        "name": "deploy-log",
        "description": "release: the deploy log your team reads, a path under app-dir (deploy.log); Slipway appends its one line per deploy there (format in docs/ssh-deploy.md) instead of .slipway/deploy.log.",
        "required": false,
        "default": ""
      },
      {
        "name": "release-name",
        "description": "release: how new releases are named, a UTC time format with %Y %m %d %H %M %S in that order (%Y%m%dT%H%M%SZ). Empty: the style of the host's newest release, else ISO 8601 basic (%Y%m%dT%H%M%SZ).",
        "required": false,
        "default": ""
      },
      {
        "name": "script",
        "description": "script: the commands to run in app-dir (sh -e: the first failing command fails the deploy).",
        "required": false,
        "default": ""
      },
      {
        "name": "image-variable",
        "description": "compose: the variable your compose file reads the image from (TAG for image: app:${TAG}, IMAGE for a whole reference). Slipway then sets it in the project's env file (env-file, else .env), atomically, keeps the old line for rollback and writes no override, so your own docker compose up -d starts what Slipway left running. Its value: env's when env sets it (env: TAG=v2, no image needed), else image (its tag alone where the variable holds a tag).",
        "required": false,
        "default": ""
      },
      {
        "name": "shell",
        "description": "script: the shell that runs the script: sh (default; dash on Debian and Ubuntu), bash, or an absolute path such as /usr/bin/zsh. Run with -e either way.",
        "required": false,
        "default": "sh"
      },
      {
        "name": "script-file",
        "description": "script: a file in the workspace holding the script (instead of script), uploaded over the deploy's SSH connection and run in app-dir with the env on stdin.",
        "required": false,
        "default": ""
      },
      {
        "name": "create-app-dir",
        "description": "script: create app-dir (mkdir -p) before running the script, for a script that sets the directory up itself.",
        "required": false,
        "default": "false"
      },
      {
        "name": "health-url",
        "description": "The health URL as the host sees it (http://127.0.0.1:8080/api/health), checked through the SSH connection; a failure rolls back. cloudron: the app's public health URL, '{fqdn}' replaced (default https://{fqdn} and the manifest's healthCheckPath).",
        "required": false,
        "default": ""
      },
      {
        "name": "health-expect",
        "description": "What the health response must hold; '{version}' is replaced. A JSON member such as '\"version\":\"{version}\"' is checked on the parsed body, as the smoke test checks a version (any spacing, compared in the value's type); other text must appear in the body as written. A rollback checks for the version that served before (what it answered, or what Slipway recorded); an unknown one only needs to answer.",
        "required": false,
        "default": ""
      },
      {
        "name": "health-timeout",
        "description": "How long the new version has to become healthy.",
        "required": false,
        "default": "60s"
      },
      {
        "name": "batch-size",
        "description": "Rolling deploy: hosts per batch (0 = all at once). The first failing batch stops the deploy and its changed hosts are rolled back.",
        "required": false,
        "default": "0"
      },
      {
        "name": "lock-timeout",
        "description": "How long to wait for another deploy of the app on a host to finish.",
        "required": false,
        "default": "5m"
      },
      {
        "name": "lock-stale-after",
        "description": "A lock older than this is broken with a warning (a deploy whose runner died).",
        "required": false,
        "default": "1h"
      },
      {
        "name": "stack",
        "description": "swarm: the stack name on the manager (services are <stack>_<service>).",
        "required": false,
        "default": ""
      },
      {
        "name": "stack-file",
        "description": "swarm: the stack's compose file in the repository, uploaded to the manager and deployed unchanged; Slipway merges an override with safe update defaults (start-first, rollback on failure, a monitor window covering the health check) and the pinned image.",
        "required": false,
        "default": "docker-compose.yml"
      },
      {
        "name": "swarm-service",
        "description": "swarm: update only this service's image (docker service update --image) instead of deploying the stack.",
        "required": false,
        "default": ""
      },
      {
        "name": "parallelism",
        "description": "swarm: tasks replaced at once where the stack file gives no update_config.parallelism.",
        "required": false,
        "default": "1"
      },
      {
        "name": "swarm-timeout",
        "description": "swarm: how long to wait for every service to converge (updated, rolled back or failed).",
        "required": false,
        "default": "5m"
      },
      {
        "name": "swarm-secrets",
        "description": "swarm: KEY=VALUE lines that become Docker secrets (created from stdin, named <stack>_<KEY>_<hash>) for the stack file's secrets: KEY entries.",
        "required": false,
        "default": ""
      },
      {
        "name": "zero-downtime",
        "description": "compose: start the new version beside the old on a free port, health-check it, switch the proxy, drain, then stop the old one. Needs health-url.",
        "required": false,
        "default": "false"
      },
      {
        "name": "slot-ports",
        "description": "zero-downtime: host port range the side-by-side copy may use (checked free on the host first).",
        "required": false,
        "default": "20080-20099"
      },
      {
        "name": "port-env",
        "description": "zero-downtime: environment variable through which the app reads its port.",
        "required": false,
        "default": "PORT"
      },
      {
        "name": "proxy",
        "description": "zero-downtime: caddy (admin API), nginx (include file + nginx -t + reload) or command.",
        "required": false,
        "default": "caddy"
      },
      {
        "name": "caddy-admin",
        "description": "zero-downtime: Caddy admin API address on the host's loopback.",
        "required": false,
        "default": "127.0.0.1:2019"
      },
      {
        "name": "nginx-upstream-file",
        "description": "zero-downtime with proxy nginx: the upstream include file Slipway rewrites (writable by the SSH user).",
        "required": false,
        "default": ""
      },
      {
        "name": "nginx-command",
        "description": "zero-downtime with proxy nginx: the nginx command (for -t and -s reload).",
        "required": false,
        "default": "nginx"
      },
      {
        "name": "proxy-switch-command",
        "description": "zero-downtime with proxy command: a command on the host that points the proxy at the port given as its last argument.",
        "required": false,
        "default": ""
      },
      {
        "name": "proxy-health-url",
        "description": "zero-downtime: a URL through the proxy that must report the new version after the switch.",
        "required": false,
        "default": ""
      },
      {
        "name": "drain-timeout",
        "description": "zero-downtime: longest wait for the old copy's open connections to finish before it is stopped.",
        "required": false,
        "default": "30s"
      },
      {
        "name": "watch-window",
        "description": "zero-downtime: how long health is watched after the switch; red within it switches back.",
        "required": false,
        "default": "0s"
      },
      {
        "name": "stop-timeout",
        "description": "zero-downtime: grace period when stopping the old copy.",
        "required": false,
        "default": "10s"
      },
      {
        "name": "cloudron-origin",
        "description": "cloudron: the Cloudron dashboard, my.example.com or https://my.example.com (the REST API is at /api/v1; no SSH).",
        "required": false,
        "default": ""
      },
      {
        "name": "cloudron-token",
        "description": "cloudron: an API token (Profile → API Tokens, Read and Write), from a secret. Sent only as an Authorization: Bearer header, never on a command line or in a URL.",
        "required": false,
        "default": ""
      },
      {
        "name": "cloudron-app",
        "description": "cloudron: the installed app, by id or location (staging.example.com); for modes update, rollback and move.",
        "required": false,
        "default": ""
      },
      {
        "name": "cloudron-location",
        "description": "cloudron: install: the new app's location (staging.example.com, side by side); move: where the app goes (example.com for the apex).",
        "required": false,
        "default": ""
      },
      {
        "name": "cloudron-manifest",
        "description": "cloudron: the path to CloudronManifest.json; its version must equal the image tag and be greater than the installed version.",
        "required": false,
        "default": "CloudronManifest.json"
      },
      {
        "name": "cloudron-backup",
        "description": "cloudron: mode rollback: the backup id to restore; by default the newest backup of a version below the running one.",
        "required": false,
        "default": ""
      },
      {
        "name": "cloudron-task-timeout",
        "description": "cloudron: how long one Cloudron task (install, update, restore, move) may run.",
        "required": false,
        "default": "30m"
      },
      {
        "name": "cloudron-poll-interval",
        "description": "cloudron: how often Slipway asks Cloudron about a task and the app.",
        "required": false,
        "default": "2s"
      },
      {
        "name": "cloudron-verify-anonymous-pull",
        "description": "cloudron: before any change, check the image pulls without credentials for linux/amd64 (Cloudron pulls anonymously).",
        "required": false,
        "default": "true"
      },
      {
        "name": "rollback-on-failure",
        "description": "cloudron: after a failed update or a red smoke test, restore the backup Cloudron took before this run's update.",
        "required": false,
        "default": "true"
      },
      {
        "name": "ca-cert",
        "description": "cloudron: a CA certificate (PEM text or a path) trusted for the dashboard and the smoke test, besides the system roots.",
        "required": false,
        "default": ""
      },
      {
        "name": "connect-to",
        "description": "cloudron: the smoke test dials this address ('host[:port]') instead of the app's name; TLS name and Host stay the app's.",
        "required": false,
        "default": ""
      },
      {
        "name": "cloudron-version-path",
        "description": "cloudron: the JSON path in the health response that must hold the deployed version (unset: not checked).",
        "required": false,
        "default": ""
      },
      {
        "name": "preview-action",
        "description": "mode preview: up (create or update the PR's preview), down (remove it: project, volumes, env file, state), list or reap (remove previews whose PR is closed or older than 14 days).",
        "required": false,
        "default": "up"
      },
      {
        "name": "pr-number",
        "description": "mode preview: the pull request number (up and down); the preview is the compose project '<compose-project or app-dir name>-pr-<n>'.",
        "required": false,
        "default": ""
      },
      {
        "name": "preview-domain",
        "description": "mode preview: previews answer at pr-<n>.<preview-domain>, routed by one static wildcard proxy site (docs/preview.md).",
        "required": false,
        "default": "preview.localhost"
      },
      {
        "name": "preview-env-template",
        "description": "mode preview: an env template inside app-dir; 'KEY={{generate}}' gets a secret made on the host, never production's.",
        "required": false,
        "default": ""
      },
      {
        "name": "preview-seed",
        "description": "mode preview: a command run once inside the service after the preview's first start (sh -c).",
        "required": false,
        "default": ""
      },
      {
        "name": "preview-port-base",
        "description": "mode preview: a multiple of 1000; pr-<n> listens on 127.0.0.1 port preview-port-base + (n mod 1000).",
        "required": false,
        "default": "40000"
      },
      {
        "name": "max-previews",
        "description": "mode preview: how many previews may run at once (the oldest is evicted to make room).",
        "required": false,
        "default": "5"
      },
      {
        "name": "forge-token",
        "description": "mode preview: token for reap (reads PR state) and the PR comment and deployment (GitHub) or commit status (Forgejo), e.g. secrets.GITHUB_TOKEN.",
        "required": false,
        "default": ""
      },
      {
        "name": "sha",
        "description": "mode preview: the commit the preview runs, for the GitHub deployment or Forgejo commit status.",
        "required": false,
        "default": ""
      }
    ]
  }
};
