// A compose host in a RecordingSession: one service whose running image follows the override
// Slipway writes, images that pulls may move (a moving tag), and health per image ID. Enough of
// a host for the compose strategy's decisions; the sandbox tests run the real thing.
import { closeAnswer, closeCall, lockAnswer, valueAfter, RecordingSession, snippet, type ExecCall } from './recording-session.js';
import type { SshTarget } from '../../src/ssh/target.js';

export interface FakeComposeHostOptions {
  service?: string;
  /** Image references on the host and the image ID each names now. */
  images?: Record<string, string>;
  /** What the service runs before the deploy (a reference in `images`). */
  running?: string;
  /** What a pull of a reference makes it name (a moving tag that moved). */
  pulls?: Record<string, string>;
  /** Image IDs whose containers report unhealthy. */
  unhealthy?: string[];
  target?: Partial<SshTarget>;
  /** A compose file that reads the image from the project's .env (image-variable): `app:${TAG}` as { variable: 'TAG', prefix: 'app:' }. */
  imageFromEnv?: { variable: string; prefix: string };
}

/**
 * LOOK_SCRIPT's answer on its arguments (separator, state file, env file, …) for a host with every
 * path present and compose v2: what the service runs (`image|id`), and the files by path.
 */
export function composeLookAnswer([sep = '', stateFile = '', envFile = '']: string[], running: string, files: Map<string, string>): string {
  const part = (name: string, text: string) => `\n${sep} ${name}\n${text}`;
  return [part('missing', ''), part('compose', 'v2\n'), part('running', running ? `${running}\n` : ''), part('state', files.get(stateFile) ?? ''),
    part('env', envFile ? files.get(envFile) ?? '' : ''), part('end', '')].join('');
}

export class FakeComposeHost {
  readonly session: RecordingSession;
  readonly images: Map<string, string>;
  running?: { image: string; id: string };
  readonly log: string[] = [];
  locked = false;

  constructor(readonly options: FakeComposeHostOptions = {}) {
    this.session = new RecordingSession({ host: 'h1.example', port: 22, user: 'deploy', ...options.target } as SshTarget).withFiles();
    this.images = new Map(Object.entries(options.images ?? {}));
    if (options.running) this.running = { image: options.running, id: this.images.get(options.running) ?? '' };
    const s = this.session;
    s.on(['sh', '-c', /docker compose version/], { stdout: 'v2' });
    // The fleet's lock round trip, with the compose look (LOOK_SCRIPT's arguments after the app-dir) when it carries one.
    s.on(snippet('slipway-lock'), (call) => {
      this.locked = true;
      return lockAnswer(call.words.length > 7 ? this.look(call.words.slice(7)) : undefined);
    });
    s.on(snippet('slipway-unlock'), () => {
      this.locked = false;
      return {};
    });
    // The fleet's last round trip: the closing step (the compose state, RECORD_STATE_SCRIPT, from stdin), the log line, the release.
    s.on(snippet('slipway-close'), (call) => {
      const { line, failedLine, closing } = closeCall(call.words);
      const step = closing.length ? this.recordState(closing[0] ?? '', call) : undefined;
      this.log.push(step && step.exitCode !== 0 ? failedLine : line);
      this.locked = false;
      return closeAnswer(step?.stdout, step?.exitCode);
    });
    s.on(snippet('slipway-closing'), (call) => this.recordState(call.words[4] ?? '', call));
    s.on(snippet('slipway-log'), (call) => {
      this.log.push(call.words[5] ?? '');
      return {};
    });
    s.on(['docker', 'ps'], () => ({ stdout: this.running ? `c-${this.running.id}\n` : '' }));
    s.on(['docker', 'inspect', '--format', '{{.Config.Image}}|{{.Image}}'], () => ({ stdout: this.running ? `${this.running.image}|${this.running.id}\n` : '' }));
    s.on(['docker', 'inspect', '--format', /State\.Status/], () => ({
      stdout: this.running && (options.unhealthy ?? []).includes(this.running.id) ? 'running|unhealthy\n' : 'running|\n',
    }));
    s.on(['docker', 'tag'], (call) => {
      const [, , id = '', tag = ''] = call.words;
      return this.tag(id, tag) ? {} : { exitCode: 1, stderr: `Error response from daemon: No such image: ${id}` };
    });
    s.on(['docker', 'compose'], (call) => this.compose(call));
    // The compose strategy's one-round-trip steps (compose-commands.ts LOOK_SCRIPT, PREPARE_SCRIPT, POLL_SCRIPT).
    s.on(snippet('slipway-compose-look'), (call) => ({ stdout: this.look(call.words.slice(4)) }));
    s.on(snippet('slipway-compose-prepare'), (call) => this.prepare(call));
    s.on(snippet('slipway-compose-poll'), () => ({
      stdout: this.running ? `running|${(options.unhealthy ?? []).includes(this.running.id) ? 'unhealthy' : ''}|${this.running.image}|${this.running.id}\n` : '',
    }));
  }

  /** Tags made (`docker tag <id> <tag>` inside the prepare step), in order. */
  readonly tags: Array<{ id: string; tag: string }> = [];
  /** Files the prepare step wrote, in order. */
  readonly writes: string[] = [];

  private tag(id: string, tag: string): boolean {
    if (![...this.images.values()].includes(id)) return false;
    this.images.set(tag, id);
    this.tags.push({ id, tag });
    return true;
  }

  /** Paths whose state write fails (RECORD_STATE_SCRIPT exits 1, as on a full disk). */
  readonly unwritable = new Set<string>();

  /** LOOK_SCRIPT's answer on its arguments. */
  private look(args: string[]): string {
    return composeLookAnswer(args, this.running ? `${this.running.image}|${this.running.id}` : '', this.session.files);
  }

  /** RECORD_STATE_SCRIPT on `file`: stdin written whole, or refused for an unwritable path. */
  private recordState(file: string, call: ExecCall): { exitCode: number; stdout: string } {
    if (this.unwritable.has(file)) return { exitCode: 1, stdout: `state 1 mv: cannot move '${file}.tmp': No space left on device\n` };
    this.session.files.set(file, String(call.options.stdin ?? ''));
    this.writes.push(file);
    return { exitCode: 0, stdout: 'state 0 \n' };
  }

  private prepare(call: ExecCall) {
    const [, , , , id = '', tag = '', ...writes] = call.words;
    if (id && !this.tag(id, tag)) return { exitCode: 3, stderr: `Error response from daemon: No such image: ${id}` };
    let stdin = Buffer.from(String(call.options.stdin ?? ''));
    for (let i = 0; i + 2 < writes.length; i += 3) {
      const bytes = Number(writes[i + 2]);
      this.session.files.set(writes[i] ?? '', stdin.subarray(0, bytes).toString());
      this.writes.push(writes[i] ?? '');
      stdin = stdin.subarray(bytes);
    }
    return {};
  }

  /** The image the service's override points at (Slipway's override is the last `-f`). */
  overrideImage(call: ExecCall): string {
    const fromEnv = this.options.imageFromEnv;
    if (fromEnv) {
      const env = this.session.files.get(`${valueAfter(call.words, '--project-directory') ?? ''}/.env`) ?? '';
      const line = env.split('\n').filter((l) => l.startsWith(`${fromEnv.variable}=`)).pop();
      return line ? `${fromEnv.prefix}${line.slice(fromEnv.variable.length + 1)}` : '';
    }
    const files = call.words.flatMap((word, i) => (call.words[i - 1] === '-f' ? [word] : []));
    const text = this.session.files.get(files[files.length - 1] ?? '') ?? '{}';
    const service = this.options.service ?? 'web';
    return (JSON.parse(text) as { services?: Record<string, { image?: string }> }).services?.[service]?.image ?? '';
  }

  private compose(call: ExecCall) {
    const image = this.overrideImage(call);
    if (call.words.includes('pull')) {
      const moved = this.options.pulls?.[image];
      if (moved) this.images.set(image, moved);
      return {};
    }
    if (call.words.includes('up')) {
      const id = this.images.get(image);
      if (!id) return { exitCode: 1, stderr: `pull access denied for ${image}` };
      this.running = { image, id };
    }
    return {};
  }

  /** The compose state file, as `KEY=value` pairs. */
  state(file: string): Record<string, string> {
    return Object.fromEntries((this.session.files.get(file) ?? '').split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  }

  /** The value passed right after `flag` in each call starting with `words` (a flag paired with its value). */
  flagValues(words: string[], flag: string): Array<string | undefined> {
    return this.session.ran(words).map((argv) => valueAfter(argv, flag));
  }
}
