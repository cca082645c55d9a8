// Turns the `slipway-timing` lines a Slipway process prints under SLIPWAY_TIMINGS=1 (one per
// spawned command: start, duration, label) into a breakdown of its wall time where every
// millisecond is named: process start, each command, the in-process gaps between them
// (HTTP health polls, report writing), and the exit.

export interface TimedCommand { start: number; ms: number; exit: number; cmd: string }

export interface ProcessTrace {
  /** Epoch ms when the bench spawned the process, and when it exited. */
  spawned: number;
  exited: number;
  commands: TimedCommand[];
}

export function parseTimings(stderr: string): TimedCommand[] {
  const out: TimedCommand[] = [];
  for (const line of stderr.split('\n')) {
    const at = line.indexOf('slipway-timing ');
    if (at < 0) continue;
    try { out.push(JSON.parse(line.slice(at + 'slipway-timing '.length)) as TimedCommand); } catch { /* a torn line: skip */ }
  }
  return out;
}

/** Labels carry versions, timestamps, temp paths and ports: fold them so rounds add up by phase. */
export function phaseName(label: string): string {
  return label
    // Paths inside the checkout read the same on every machine.
    .split(`${process.cwd()}/`).join('')
    .replace(/\/tmp\/[^\s'"]+/g, '<tmp>')
    .replace(/sha256:[0-9a-f]{12,}/g, 'sha256:…')
    .replace(/(?<![\d.])\d+\.\d+\.\d+(?![\d.])/g, '<v>')
    .replace(/\b\d{8}T?\d{4,}[\w.-]*/g, '<ts>')
    .replace(/(forward |-L )127\.0\.0\.1:\d+:/g, '$1127.0.0.1:<port>:')
    .replace(/\b[0-9a-f]{20,}\b/g, '<id>')
    .replace(/([_=])[0-9a-f]{8}\b/g, '$1<id>')
    .replace(/:sha-[0-9a-f]{7,}\b/g, ':sha-<commit>')
    .replace(/\/(cli|action|shell)\//g, '/<way>/')
    .replace(/\s+/g, ' ')
    .slice(0, 90);
}

/** ms per named phase for one process, summing exactly to its wall time. */
export function breakdown(trace: ProcessTrace, prefix = ''): Map<string, number> {
  const phases = new Map<string, number>();
  const add = (name: string, ms: number): void => { if (ms > 0) phases.set(prefix + name, (phases.get(prefix + name) ?? 0) + ms); };
  const commands = [...trace.commands].sort((a, b) => a.start - b.start);
  if (commands.length === 0) {
    add('node process: start + in-process work (HTTP checks), no command spawned', trace.exited - trace.spawned);
    return phases;
  }
  add('process start (node, bundle load, input parsing)', commands[0]!.start - trace.spawned);
  let covered = commands[0]!.start;
  let lastName = '';
  for (const command of commands) {
    const end = command.start + command.ms;
    const name = phaseName(command.cmd);
    if (command.start > covered) {
      const gap = command.start - covered;
      const after = /: forward /.test(lastName) ? 'health: HTTP polls through the SSH tunnel (in-process)' : `in-process after \`${lastName}\``;
      add(gap >= 20 ? after : 'in-process, small gaps (< 20 ms each)', gap);
    }
    // Only the part not already covered by an earlier, overlapping command counts as wall time.
    const own = Math.max(0, end - Math.max(covered, command.start));
    add(`\`${name}\``, own);
    if (end > covered) { covered = end; lastName = name; }
  }
  add('after the last command (report, cleanup, exit)', trace.exited - covered);
  return phases;
}

/** Commands that ran beside another one: what already overlaps, for the report. */
export function overlappedMs(trace: ProcessTrace): number {
  const commands = [...trace.commands].sort((a, b) => a.start - b.start);
  let covered = 0;
  let overlap = 0;
  for (const command of commands) {
    const end = command.start + command.ms;
    overlap += Math.max(0, Math.min(end, covered) - command.start);
    covered = Math.max(covered, end);
  }
  return overlap;
}

export function merge(into: Map<string, number>, from: Map<string, number>): void {
  for (const [name, ms] of from) into.set(name, (into.get(name) ?? 0) + ms);
}
