import { ProcessError } from '../../../src/core/errors.js';
import { MemoryLogger } from '../../../src/core/log.js';
import { ProcessRunner } from '../../../src/core/runner/process-runner.js';
import { registerSecret } from '../../../src/core/secrets.js';

describe('ProcessRunner', () => {
  const log = new MemoryLogger();
  const runner = new ProcessRunner(log);

  it('passes arguments as an array, so shell metacharacters stay literal', async () => {
    const result = await runner.run({ file: 'printf', args: ['%s|', 'a b', '$(id)', '; rm -rf /'] });
    expect(result.stdout).toBe('a b|$(id)|; rm -rf /|');
  });

  it('feeds stdin, which is how passwords travel', async () => {
    const result = await runner.run({ file: 'cat', args: [], stdin: 'from stdin' });
    expect(result.stdout).toBe('from stdin');
  });

  it('throws a ProcessError with the exit code and the redacted stderr tail', async () => {
    registerSecret('hunter2-very-secret');
    const failing = runner.run({ file: 'sh', args: ['-c', 'echo "token hunter2-very-secret bad" >&2; exit 3'] });
    await expect(failing).rejects.toThrow(ProcessError);
    await failing.catch((error: ProcessError) => {
      expect(error.exitCode).toBe(3);
      expect(error.message).toContain('token *** bad');
      expect(error.message).not.toContain('hunter2-very-secret');
    });
  });

  it('redacts registered secrets from streamed output', async () => {
    registerSecret('streamed-secret-value');
    await runner.run({ file: 'echo', args: ['value=streamed-secret-value'] }, { stream: true });
    expect(log.text()).toContain('value=***');
    expect(log.text()).not.toContain('streamed-secret-value');
  });

  it('stops a command at its timeout and says so', async () => {
    const result = await runner.run({ file: 'sleep', args: ['10'] }, { timeoutMs: 300, allowFailure: true });
    expect(result.timedOut).toBe(true);
    expect(result.durationMs).toBeLessThan(5000);
  });

  it('retries transient failures with backoff, then succeeds', async () => {
    const marker = `/tmp/slipway-retry-${process.pid}`;
    const script = `if [ -e ${marker} ]; then rm ${marker}; echo ok; else touch ${marker}; echo "503 Service Unavailable" >&2; exit 1; fi`;
    const result = await runner.run(
      { file: 'sh', args: ['-c', script] },
      { retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 20 }, isTransient: (r) => r.stderr.includes('503') },
    );
    expect(result.stdout.trim()).toBe('ok');
    expect(result.attempts).toBe(2);
  });

  it('does not retry a failure that is not transient', async () => {
    const result = await runner.run(
      { file: 'sh', args: ['-c', 'echo denied >&2; exit 1'] },
      { retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 20 }, isTransient: () => false, allowFailure: true },
    );
    expect(result.attempts).toBe(1);
  });

  it('reports a missing program as exit 127 instead of crashing', async () => {
    const result = await runner.run({ file: 'no-such-program-slipway', args: [] }, { allowFailure: true });
    expect(result.exitCode).not.toBe(0);
  });
});
