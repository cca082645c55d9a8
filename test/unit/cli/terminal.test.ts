/* eslint-disable no-control-regex -- a terminal spec reads escape sequences */
import { ConsoleLogger } from '../../../src/core/log.js';
import { ERASE_LINE, formatElapsed, outputStyle, terminalSafe, TerminalLogger, type OutputStyle } from '../../../src/cli/terminal.js';

/** A stream that keeps the raw bytes, as a terminal would receive them. */
class Screen {
  raw = '';
  constructor(readonly isTTY: boolean, readonly columns = 60) {}
  write(text: string): boolean { this.raw += text; return true; }
  /** What stays on screen: each `\r` + erase line wipes the line it is on. */
  visible(): string[] {
    const lines: string[] = [''];
    for (const part of this.raw.split(/(\r\u001b\[2K|\n)/)) {
      if (part === ERASE_LINE) lines[lines.length - 1] = '';
      else if (part === '\n') lines.push('');
      else lines[lines.length - 1] += part;
    }
    return lines;
  }
}

const ESC = '\u001b';
const COLOUR = /\u001b\[(?:3\d|1|2|22|39)m/;
const PROGRESS: OutputStyle = { progress: true, colour: false };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('which output a run gets', () => {
  const tty = { isTTY: true, write: () => true };
  const pipe = { write: () => true };

  it('draws progress and colour on a terminal, neither into a pipe or a file', () => {
    expect(outputStyle(tty, {})).toEqual({ progress: true, colour: true });
    expect(outputStyle(pipe, {})).toEqual({ progress: false, colour: false });
  });

  it('drops colour with NO_COLOR set to anything but empty, and keeps the progress line', () => {
    expect(outputStyle(tty, { NO_COLOR: '1' })).toEqual({ progress: true, colour: false });
    expect(outputStyle(tty, { NO_COLOR: '' })).toEqual({ progress: true, colour: true });
  });

  it('prints plain lines in CI even when the runner hands it a terminal: no status line, no colour', () => {
    for (const env of [{ CI: 'true' }, { GITHUB_ACTIONS: 'true' }, { FORGEJO_ACTIONS: 'true' }, { GITEA_ACTIONS: 'true' }]) {
      expect(outputStyle(tty, env)).toEqual({ progress: false, colour: false });
    }
    expect(outputStyle(tty, { CI: 'false' }).progress).toBe(true);
  });

  it('has no progress line with --quiet, and neither with TERM=dumb', () => {
    expect(outputStyle(tty, {}, { quiet: true }).progress).toBe(false);
    expect(outputStyle(tty, { TERM: 'dumb' })).toEqual({ progress: false, colour: false });
  });
});

describe('plain output (pipes, files, CI)', () => {
  it('is what ConsoleLogger writes, line for line, with no escape sequence', async () => {
    const plain = new Screen(false);
    const reference = new Screen(false);
    const run = async (log: { info(m: string): void; warn(m: string): void; error(m: string): void; debug(m: string): void; group<T>(t: string, b: () => Promise<T>): Promise<T> }) => {
      await log.group('Deploy on h1', async () => {
        log.info('h1: web (not running) → app:1');
        log.debug('$ ssh -o BatchMode=yes h1');
        log.warn('image not pinned');
      });
      log.error('deploy failed');
    };
    await run(new TerminalLogger(plain, { style: { progress: false, colour: false } }));
    await run(new ConsoleLogger({ stream: reference as unknown as NodeJS.WritableStream }));
    expect(plain.raw).toBe(reference.raw);
    expect(plain.raw).toBe('▸ Deploy on h1\nh1: web (not running) → app:1\nwarning: image not pinned\nerror: deploy failed\n');
    expect(plain.raw).not.toContain(ESC);
  });

  it('prints a streamed tool line as a line of its own', () => {
    const plain = new Screen(false);
    new TerminalLogger(plain, { style: { progress: false, colour: false } }).output('Step 1/4 : FROM scratch');
    expect(plain.raw).toBe('Step 1/4 : FROM scratch\n');
  });

  it('keeps only errors with --quiet', async () => {
    const plain = new Screen(false);
    const log = new TerminalLogger(plain, { style: { progress: false, colour: false }, quiet: true });
    await log.group('Smoke test', async () => { log.info('not ready yet'); log.warn('slow'); log.output('pull'); });
    log.error('smoke check failed');
    log.finished('slipway smoke', 1, Date.now());
    expect(plain.raw).toBe('error: smoke check failed\n');
  });
});

describe('the progress line at a terminal', () => {
  it('shows the running step on one line rewritten in place, and leaves one line per finished step', async () => {
    const screen = new Screen(true, 120);
    const log = new TerminalLogger(screen, { style: PROGRESS, tickMs: 5 });
    await log.group('Smoke test (1 check)', async () => {
      log.debug('health: http://127.0.0.1:8080/health answered 502; retrying');
      await sleep(40);
      log.info('check: not ready yet (attempt 1): connection refused');
      await sleep(40);
    });
    expect(screen.raw).toContain(`${ERASE_LINE}⠋ Smoke test (1 check) 0.0 s`);
    // Redrawn several times (spinner, elapsed), always from the line's start.
    const frames = screen.raw.split(ERASE_LINE).filter((frame) => frame.includes('Smoke test (1 check) ') && !frame.includes('\n'));
    expect(frames.length).toBeGreaterThan(3);
    expect(new Set(frames).size).toBeGreaterThan(1);
    expect(frames.some((frame) => frame.includes('· health: http://127.0.0.1:8080/health answered 502; retrying'))).toBe(true);
    // What stays: the info line and the finished step with its time; the status line is gone.
    expect(screen.visible()).toEqual(['check: not ready yet (attempt 1): connection refused', expect.stringMatching(/^▸ Smoke test \(1 check\) \(0\.\d s\)$/), '']);
    expect(screen.raw).not.toMatch(COLOUR);
  });

  it('puts a tool\'s streamed output (a pull, a push) on the status line instead of a line each', async () => {
    const screen = new Screen(true);
    const log = new TerminalLogger(screen, { style: PROGRESS });
    await log.group('Push 127.0.0.1:5000/app:1', async () => {
      for (const layer of ['a1', 'b2', 'c3']) log.output(`${layer}: Pushing`);
    });
    expect(screen.raw).toContain('· c3: Pushing');
    expect(screen.visible()).toEqual([expect.stringMatching(/^▸ Push 127\.0\.0\.1:5000\/app:1 \(\d\.\d s\)$/), '']);
  });

  it('prints every streamed line with --debug', async () => {
    const screen = new Screen(true);
    const log = new TerminalLogger(screen, { style: PROGRESS, debug: true });
    await log.group('Build', async () => { log.output('Step 1/2'); log.output('Step 2/2'); });
    expect(screen.visible().slice(0, 2)).toEqual(['Step 1/2', 'Step 2/2']);
  });

  it('never wraps: outside text with line breaks, carriage returns and escape codes stays one line within the width', async () => {
    const screen = new Screen(true, 40);
    const log = new TerminalLogger(screen, { style: PROGRESS });
    await log.group('Deploy on a host whose name is long enough to be cut', async () => {
      log.output(`layer 1\r\nlayer 2\u001b[2J\u001b]0;owned\u0007 ${'x'.repeat(200)}`);
    });
    const frames = screen.raw.split(ERASE_LINE).slice(1, -1).map((frame) => frame.replace(/\n[\s\S]*$/, ''));
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) {
      expect(Array.from(frame).length).toBeLessThanOrEqual(39);
      expect(frame).not.toMatch(/[\r\n\u0007]|\u001b(?!\[2K)/);
    }
  });

  it('shows steps that run side by side (one per host) on the one line', async () => {
    const screen = new Screen(true, 100);
    const log = new TerminalLogger(screen, { style: PROGRESS });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const both = Promise.all([log.group('deploy on h1', () => gate), log.group('deploy on h2', () => gate)]);
    await sleep(5);
    expect(screen.raw).toContain('deploy on h1 (+1 more)');
    release();
    await both;
    expect(screen.visible().filter(Boolean)).toEqual([expect.stringMatching(/^▸ deploy on h[12] /), expect.stringMatching(/^▸ deploy on h[12] /)]);
  });

  it('marks a step that threw with ✗, in red when colour is on, and passes the error on', async () => {
    const screen = new Screen(true);
    const log = new TerminalLogger(screen, { style: { progress: true, colour: true } });
    await expect(log.group('Build app:1', async () => { throw new Error('docker build exited 1'); })).rejects.toThrow('docker build exited 1');
    expect(screen.visible()[0]).toMatch(/^\u001b\[31m✗ Build app:1 \(0\.\d s\)\u001b\[39m$/);
  });

  it('ends the run with how it went and how long it took: green when it passed, red with the exit code when not', () => {
    const screen = new Screen(true);
    const log = new TerminalLogger(screen, { style: { progress: true, colour: true }, now: () => 12_500 });
    log.finished('slipway deploy', 0, 0);
    log.finished('slipway smoke', 1, 10_000);
    expect(screen.visible().slice(0, 2)).toEqual(['\u001b[32m✓ slipway deploy finished in 12 s\u001b[39m', '\u001b[31m✗ slipway smoke failed after 2.5 s (exit 1)\u001b[39m']);
  });

  it('shows a wait the edge names (reading hosts) only at a terminal, and leaves no line behind', async () => {
    const tty = new Screen(true);
    await new TerminalLogger(tty, { style: PROGRESS }).during('reading 3 hosts', () => sleep(5));
    expect(tty.raw).toContain('reading 3 hosts');
    expect(tty.visible()).toEqual(['']);
    const pipe = new Screen(false);
    await new TerminalLogger(pipe, { style: { progress: false, colour: false } }).during('reading 3 hosts', () => sleep(5));
    expect(pipe.raw).toBe('');
  });
});

describe('the edge\'s own wait around the core\'s steps', () => {
  it('shows the whole run (`slipway deploy`) until a step starts, the step while it runs, and the run again after it', async () => {
    const screen = new Screen(true, 100);
    const log = new TerminalLogger(screen, { style: PROGRESS });
    const seen: string[] = [];
    const last = () => screen.raw.split(ERASE_LINE).at(-1) ?? '';
    await log.during('slipway deploy', async () => {
      log.debug('$ ssh -o BatchMode=yes deploy@h1');
      seen.push(last());
      await log.group('deploy on h1', async () => { seen.push(last()); });
      seen.push(last());
    });
    expect(seen).toEqual([
      expect.stringMatching(/^⠋ slipway deploy 0\.\d s · \$ ssh -o BatchMode=yes deploy@h1$/),
      expect.stringMatching(/^⠋ deploy on h1 0\.\d s$/),
      expect.stringMatching(/^⠋ slipway deploy 0\.\d s$/),
    ]);
    expect(screen.visible()).toEqual([expect.stringMatching(/^▸ deploy on h1 \(0\.\d s\)$/), '']);
  });
});

describe('colour', () => {
  it('paints error red and warning yellow at a terminal, and nothing with NO_COLOR', () => {
    const coloured = new Screen(true);
    const log = new TerminalLogger(coloured, { style: outputStyle(coloured, {}) });
    log.warn('slow registry');
    log.error('deploy failed');
    expect(coloured.visible().slice(0, 2)).toEqual(['\u001b[33mwarning:\u001b[39m slow registry', '\u001b[31merror:\u001b[39m deploy failed']);
    const plain = new Screen(true);
    const noColour = new TerminalLogger(plain, { style: outputStyle(plain, { NO_COLOR: '1' }) });
    noColour.warn('slow registry');
    noColour.error('deploy failed');
    expect(plain.visible().slice(0, 2)).toEqual(['warning: slow registry', 'error: deploy failed']);
    expect(plain.raw).not.toMatch(COLOUR);
  });

  it('keeps a host\'s own escape codes off the screen', () => {
    const screen = new Screen(true);
    new TerminalLogger(screen, { style: { progress: false, colour: true } }).info('remote: \u001b[31mred\u001b[0m \u001b]0;title\u0007done');
    expect(screen.raw).toBe('remote: [31mred[0m ]0;titledone\n');
  });
});

describe('helpers', () => {
  it('formats elapsed time the way people read it', () => {
    expect([400, 9_949, 12_300, 59_999, 125_000].map(formatElapsed)).toEqual(['0.4 s', '9.9 s', '12 s', '59 s', '2 m 05 s']);
  });

  it('drops control characters, and folds lines into one for the status line', () => {
    expect(terminalSafe('a\r\nb\tc\u001b[2Jd')).toBe('a\nb\tc[2Jd');
    expect(terminalSafe('a\r\nb\tc', { oneLine: true })).toBe('a b c');
  });
});
