import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { describeCommand, type CommandSpec } from '../command.js';
import { ProcessError } from '../errors.js';

/**
 * Starts a process and yields its stdout line by line as it comes, for outputs
 * too large to buffer (`git log -p` over thousands of commits). Argument arrays
 * only, like the Runner; a non-zero exit throws the same redacted ProcessError.
 */
export async function* streamLines(spec: CommandSpec): AsyncGenerator<string> {
  const child = spawn(spec.file, spec.args, {
    cwd: spec.cwd,
    env: spec.cleanEnv ? { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...spec.env } : { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-16_384);
  });
  const exited = new Promise<number>((resolve) => {
    child.on('error', (error) => { stderr += `${error.message}\n`; resolve(127); });
    child.on('close', (code) => resolve(code ?? 1));
  });
  const lines = readline.createInterface({ input: child.stdout, crlfDelay: Infinity });
  let finished = false;
  try {
    for await (const line of lines) yield line;
    finished = true;
  } finally {
    // The consumer stopped early: do not leave the process writing into a closed pipe.
    if (!finished && child.exitCode === null) child.kill();
  }
  const exitCode = await exited;
  if (exitCode !== 0) throw new ProcessError({ command: describeCommand(spec), exitCode, stderr });
}
