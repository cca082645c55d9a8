import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Inputs, MAX_DURATION_MS, mapInputSource } from '../../../src/core/config/inputs.js';
import { clearSecretsForTest, isRegisteredSecret, redact } from '../../../src/core/secrets.js';

const inputs = (values: Record<string, string>) => new Inputs(mapInputSource(values));
const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('every input is screened for control characters', () => {
  it.each([['NUL', '\u0000'], ['ESC', '\u001b'], ['BEL', '\u0007'], ['DEL', '\u007f'], ['C1 CSI', '\u009b']])('refuses %s by position, without quoting the value', (_name, character) => {
    const text = message(() => inputs({ password: `hunter2${character}more` }).secret('password'));
    expect(text).toMatch(/^input 'password': contains a control character \(U\+00[0-9A-F]{2} at position 8\)/);
    expect(text).not.toContain('hunter2');
  });

  it('screens source.get too, so readers that bypass the accessors are covered', () => {
    expect(() => inputs({ key: 'a\u0000b' }).source.get('key')).toThrow(/control character/);
  });

  it('keeps tab, line feed and carriage return, which multi-line inputs need', () => {
    expect(inputs({ script: 'a\tb\r\nc' }).optional('script')).toBe('a\tb\r\nc');
  });
});

describe('durations and counts are bounded', () => {
  it('refuses a duration a Node timer cannot wait (30d) and accepts the largest one', () => {
    expect(message(() => inputs({ timeout: '30d' }).duration('timeout', 1))).toMatch(/^input 'timeout': is too long \(found '30d', expected at most 24d\)/);
    expect(inputs({ timeout: `${MAX_DURATION_MS}ms` }).duration('timeout', 1)).toBe(MAX_DURATION_MS);
  });

  it('lets an age that is only compared (timer: false) be longer than a timer', () => {
    expect(inputs({ 'max-age': '30d' }).duration('max-age', 1, { timer: false })).toBe(30 * 86_400_000);
  });

  it('refuses 0 where it would turn a limit off, saying so', () => {
    expect(message(() => inputs({ 'command-timeout': '0' }).duration('command-timeout', 1, { min: 1000 }))).toMatch(/is 0, which would turn this limit off/);
  });

  it('refuses counts that are not safe integers, or beyond the default ceiling', () => {
    expect(() => inputs({ n: '99999999999999999999' }).integer('n', 1)).toThrow(/is too large/);
    expect(() => inputs({ n: '2000000000' }).integer('n', 1)).toThrow(/expected at most 1000000000/);
  });
});

describe('KEY=VALUE inputs', () => {
  beforeEach(() => clearSecretsForTest());

  it('splits a secret input on lines only: a value keeps its commas', () => {
    expect(inputs({ 'secret-headers': 'Authorization=Bearer ab,cdefghij' }).keyValues('secret-headers', { secret: true })).toEqual({ Authorization: 'Bearer ab,cdefghij' });
  });

  it('names the line of a broken secret entry, never its text, and masks every piece of it first', () => {
    const text = message(() => inputs({ env: 'A=1\nlonely-fragment-of-a-token' }).keyValues('env', { secret: true }));
    expect(text).toBe("input 'env': line 2 has no KEY= before its value. Write one KEY=VALUE per line.");
    expect(isRegisteredSecret('lonely-fragment-of-a-token')).toBe(true);
  });

  it('registers each comma or space separated piece of a secret value', () => {
    inputs({ 'secret-headers': 'Authorization=Bearer first-piece-1,second-piece-2' }).keyValues('secret-headers', { secret: true });
    expect(redact('saw second-piece-2 and first-piece-1')).toBe('saw *** and ***');
    expect(redact('Bearer')).toBe('Bearer');
  });

  it('does not quote the key of a secret input either (a pasted base64 value has = in it)', () => {
    const text = message(() => inputs({ env: 'c2VjcmV0IHZhbHVl!x==' }).keyValues('env', { secret: true, envNames: true }));
    expect(text).toMatch(/line 1 has a key that is not an environment variable name\. Keys are/);
    expect(text).not.toContain('c2VjcmV0');
  });

  it('checks environment variable names', () => {
    expect(() => inputs({ env: '1ST=x' }).keyValues('env', { envNames: true })).toThrow(/line 1 has a key that is not an environment variable name \(found '1ST'\)/);
  });

  it('still reads one line of comma-separated pairs for inputs that hold no secrets', () => {
    expect(inputs({ labels: 'a=1,b=2' }).keyValues('labels')).toEqual({ a: '1', b: '2' });
  });
});

describe('positional arguments', () => {
  it('refuses a value that a tool would read as an option', () => {
    expect(message(() => inputs({ user: '-oProxyCommand=x' }).argument('user'))).toMatch(/^input 'user': starts with '-', so the tool it is passed to would read it as an option/);
  });

  it('refuses a second line where one value is expected', () => {
    expect(() => inputs({ container: 'app\n-x' }).argument('container')).toThrow(/more than one line/);
  });
});

describe('local paths', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hi-paths-'));
  const ws = path.join(root, 'ws');
  fs.mkdirSync(ws);
  fs.mkdirSync(path.join(root, 'outside'));
  fs.writeFileSync(path.join(ws, 'checks.yml'), '');
  fs.symlinkSync(path.join(root, 'outside'), path.join(ws, 'escape'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('keeps a relative path inside the workspace, judged after resolving symlinks', () => {
    expect(() => inputs({ f: '../outside/x' }).localPath('f', ws)).toThrow(/points outside the workspace/);
    expect(() => inputs({ f: 'escape/x' }).localPath('f', ws)).toThrow(/points outside the workspace/);
    expect(inputs({ f: 'checks.yml' }).localPath('f', ws, { mustExist: 'file' })).toBe(path.join(fs.realpathSync(ws), 'checks.yml'));
  });

  it('takes an absolute path as the user asking for a place outside', () => {
    expect(inputs({ f: path.join(root, 'outside') }).localPath('f', ws, { mustExist: 'dir' })).toBe(fs.realpathSync(path.join(root, 'outside')));
  });

  it('names a missing file, or the wrong kind', () => {
    expect(() => inputs({ f: 'nope.yml' }).localPath('f', ws, { mustExist: 'file' })).toThrow(/names a path that does not exist/);
    expect(() => inputs({ f: '.' }).localPath('f', ws, { mustExist: 'file' })).toThrow(/is not a file/);
  });
});

describe('values from a file', () => {
  it('are never quoted in an error: a found value becomes its length', () => {
    const source = mapInputSource({ 'app-dir': 'relative/tok-123', image: 'x' }, 'cli', { unquoted: ['app-dir'] });
    expect(message(() => new Inputs(source).fail('app-dir', "is not absolute (found 'relative/tok-123', expected /…)"))).toBe('--app-dir: is not absolute (found a value of 16 characters, expected /…)');
    expect(message(() => new Inputs(source).fail('image', "is wrong (found 'x')"))).toBe("--image: is wrong (found 'x')");
  });
});
