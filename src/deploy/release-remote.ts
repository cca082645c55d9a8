// The release strategy's remote steps, one `sh -c` script per phase: every value travels as a
// positional argument, never in the script text, and what a script prints is parsed line by line
// under its own tag (remote text, such as a version file or a command's stderr, stays on one
// tagged line and is only ever shown, never run).

/** Every line a look prints starts with its tag; a name holding a newline is left out, so no line can pass for another. */
const LOOK_LINES = 'nl=\'\n\'; one() { case "$2" in *"$nl"*) ;; *) printf \'%s %s\\n\' "$1" "$2" ;; esac; }';

/**
 * The release strategy's look at a host, in one round trip (with the lock when the fleet runs it):
 * `$1` app-dir, `$2` 1 to make `releases/` when every check passed (a deploy), `$3` the state file,
 * `$4` how many shared paths follow, the shared paths, then one argument per sudo check (its words
 * after `sudo`, space-separated: sudoCheckWords splits on whitespace, so no word holds one).
 * Prints `missing app-dir`, `missing shared <i>`, `sudo <i> <exit>`, `current <name>`,
 * `release <name>`, `version <name>/<first line of its .slipway-version>`, `state <line>`, then `end`.
 */
export const LOOK = [
  'app="$1"; prepare="$2"; state="$3"; n="$4"; shift 4; ok=1',
  LOOK_LINES,
  '[ -d "$app" ] || { echo "missing app-dir"; ok=0; }',
  'i=0; while [ "$i" -lt "$n" ]; do [ -f "$app/shared/$1" ] || { echo "missing shared $i"; ok=0; }; shift; i=$((i+1)); done',
  // Unquoted on purpose, with globbing off: the check's words split on spaces, nothing else expands.
  'set -f; i=0; for check in "$@"; do sudo $check </dev/null >/dev/null 2>&1; s=$?; echo "sudo $i $s"; [ "$s" -eq 0 ] || ok=0; i=$((i+1)); done; set +f',
  'if cd "$app" 2>/dev/null; then',
  '  if target=$(readlink current 2>/dev/null); then target=${target%/}; one current "${target##*/}"; fi',
  '  for p in releases/*; do',
  '    [ -e "$p" ] || [ -L "$p" ] || continue',
  '    name=${p#releases/}; one release "$name"',
  '    if [ -f "$p/.slipway-version" ]; then one version "$name/$(head -n 1 "$p/.slipway-version")"; fi',
  '  done',
  '  if [ -f "$state" ]; then sed "s/^/state /" "$state"; fi',
  '  if [ "$prepare" = 1 ] && [ "$ok" = 1 ]; then mkdir -p releases; fi',
  'fi',
  'echo end',
].join('\n');

/** What a look found. `complete` is false when its output stopped early (then nothing in it is trusted). */
export interface HostLook {
  complete: boolean;
  appDirMissing: boolean;
  /** Indexes of the shared paths that are not files. */
  missingShared: number[];
  /** Exit status of each sudo check, by index. */
  sudo: Map<number, number>;
  current?: string;
  /** Every entry of `releases/`, marked ones included, in name order. */
  names: string[];
  /** What Slipway wrote into each release's `.slipway-version`. */
  versions: Map<string, string>;
  /** The release state file's `KEY=value` lines. */
  state: Record<string, string>;
}

export function parseLook(stdout: string): HostLook {
  const look: HostLook = { complete: false, appDirMissing: false, missingShared: [], sudo: new Map(), names: [], versions: new Map(), state: {} };
  for (const line of stdout.split('\n')) {
    const space = line.indexOf(' ');
    const tag = space < 0 ? line : line.slice(0, space);
    const rest = space < 0 ? '' : line.slice(space + 1);
    if (tag === 'end') look.complete = true;
    else if (tag === 'missing' && rest === 'app-dir') look.appDirMissing = true;
    else if (tag === 'missing' && /^shared \d+$/.test(rest)) look.missingShared.push(Number(rest.slice('shared '.length)));
    else if (tag === 'sudo' && /^\d+ \d+$/.test(rest)) {
      const [index, status] = rest.split(' ').map(Number);
      look.sudo.set(index as number, status as number);
    } else if (tag === 'current' && rest) look.current = rest;
    else if (tag === 'release' && rest) look.names.push(rest);
    else if (tag === 'version') {
      // A name never holds a `/`: the first one ends it.
      const slash = rest.indexOf('/');
      if (slash > 0) look.versions.set(rest.slice(0, slash), rest.slice(slash + 1).trim());
    } else if (tag === 'state') {
      const equals = rest.indexOf('=');
      if (equals > 0) look.state[rest.slice(0, equals)] = rest.slice(equals + 1);
    }
  }
  look.names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return look;
}

/**
 * The release's own round trip after the upload: `$1` a token of this run, `$2` the release dir,
 * `$3` the version, `$4` 1 to unpack `$2.tar.gz` into it first, `$5` the first pre-promote command
 * ('' for none), then the `path target` pairs to link (`versionAndLinks`, VERSION_AND_LINKS, is run
 * on the version, the dir and those pairs). A failure of Slipway's own part ends with the stderr line `slipway: <unpack|links> failed [<token>]`; otherwise the exit status is
 * the pre-promote command's, whose output streams as it comes.
 */
export function prepareScript(versionAndLinks: string): string {
  return [
    'token="$1"; dir="$2"; version="$3"; archive="$4"; hook="$5"; shift 5',
    'failed() { printf "slipway: %s failed [%s]\\n" "$1" "$token" >&2; exit "$2"; }',
    'if [ "$archive" = 1 ]; then { mkdir -p "$dir" && tar -xzf "$dir.tar.gz" -C "$dir" && rm -f "$dir.tar.gz"; } || failed unpack "$?"; fi',
    `( set -- "$version" "$dir" "$@"; ${versionAndLinks}\n) || failed links "$?"`,
    '[ -n "$hook" ] || exit 0',
    'cd "$dir" || exit 1',
    'exec sh -e -c "$hook"',
  ].join('\n');
}

/** Which of Slipway's own parts failed in a prepare round trip (its last stderr line), if one did. */
export function preparePartFailed(stderr: string, token: string): 'unpack' | 'links' | undefined {
  const last = stderr.trimEnd().split('\n').pop() ?? '';
  const match = /^slipway: (unpack|links) failed \[(\w+)\]$/.exec(last);
  return match && match[2] === token ? (match[1] as 'unpack' | 'links') : undefined;
}

/**
 * The switch and the first restart command in one round trip (run so it survives a dropped
 * connection): `$1` a token of this run, `$2` app-dir, `$3` the release, `$4` the restart command
 * ('' for none). The switch is `switchCurrent` (SWITCH_CURRENT) on app-dir and the release. The
 * last line is `<token> switch <exit>` (the switch failed, or there is no restart) or
 * `<token> restart <exit> <its last stderr line>`.
 */
export function switchAndRestartScript(switchCurrent: string): string {
  return [
    'token="$1"; app="$2"; name="$3"; restart="$4"',
    `( set -- "$app" "$name"; ${switchCurrent}\n); s=$?`,
    'if [ "$s" -ne 0 ] || [ -z "$restart" ]; then printf "\\n%s switch %s\\n" "$token" "$s"; exit 0; fi',
    'err=$(mktemp 2>/dev/null) || err=/dev/null',
    'sh -c "$restart" 2>"$err"; s=$?',
    'said=$(tail -n 1 "$err" 2>/dev/null | tr -d "\\r"); [ "$err" = /dev/null ] || rm -f "$err"',
    'printf "\\n%s restart %s %s\\n" "$token" "$s" "$said"',
  ].join('\n');
}

/** The trailer of a SWITCH_AND_RESTART round trip; undefined when it is missing (the output before it is the switch's own). */
export function parseSwitch(stdout: string, token: string): { step: 'switch' | 'restart'; exitCode: number; said: string; output: string } | undefined {
  const lines = stdout.replace(/\n$/, '').split('\n');
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const match = /^(\w+) (switch|restart) (\d+) ?(.*)$/.exec(lines[i] ?? '');
    if (match && match[1] === token) return { step: match[2] as 'switch' | 'restart', exitCode: Number(match[3]), said: match[4] ?? '', output: lines.slice(0, i).join('\n').trim() };
  }
  return undefined;
}

/**
 * The release's closing step (the fleet runs it with the deploy-log line and the lock release):
 * `$1` app-dir, `$2` a release to mark ('' for none), `$3` the mark, then the releases to remove.
 * The mark is MARK_RELEASE, skipped when the release dir was never made. Prints
 * `mark <exit> <what it said>` and `prune <exit> <what it said>` for the parts it ran.
 */
export function closingScript(markRelease: string): string {
  return [
    'app="$1"; name="$2"; mark="$3"; shift 3',
    'flat() { printf "%s" "$1" | tr "\\n" " "; }',
    `if [ -n "$name" ]; then said=$( ( set -- "$app" "$name" "$mark"; [ -e "$1/releases/$2" ] || exit 0; ${markRelease}\n) 2>&1 ); s=$?; printf "mark %s %s\\n" "$s" "$(flat "$said")"; fi`,
    'if [ "$#" -gt 0 ]; then said=$( { cd "$app/releases" && rm -rf -- "$@"; } 2>&1 ); s=$?; printf "prune %s %s\\n" "$s" "$(flat "$said")"; fi',
  ].join('\n');
}

/** The parts a closing step reported: exit status and what it said, by part. */
export function parseClosing(stdout: string): Map<'mark' | 'prune', { exitCode: number; said: string }> {
  const parts = new Map<'mark' | 'prune', { exitCode: number; said: string }>();
  for (const line of stdout.split('\n')) {
    const match = /^(mark|prune) (\d+) ?(.*)$/.exec(line);
    if (match) parts.set(match[1] as 'mark' | 'prune', { exitCode: Number(match[2]), said: (match[3] ?? '').trim() });
  }
  return parts;
}
