// The runner protocol an action main speaks (GitHub's workflow commands and environment files, which Forgejo
// reads the same way), written here instead of importing @actions/core: that package loads @actions/http-client
// and undici at import (for OIDC tokens we never ask for), about 0.9 MB of a 2 MB bundle that every step would
// parse before reading its first input.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';

/** Where an annotation points (the runner shows it on that file and line). */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

/** A command's text as the runner reads it: `%`, CR and LF are escaped so a message cannot end its own line. */
const escapeData = (value: string): string => value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A property value also escapes the separators of the property list. */
const escapeProperty = (value: string): string => escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * `::name key=value,…::message` on stdout; unset properties are left out. A property list whose values are
 * all unset still leaves its space (`::warning ::text`), as @actions/core prints it, so logs read as before.
 */
export function issueCommand(name: string, message: string, properties: Record<string, string | number | undefined> = {}): void {
  const listed = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== '' && value !== 0)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  const list = Object.keys(properties).length ? ` ${listed.join(',')}` : '';
  process.stdout.write(`::${name}${list}::${escapeData(message)}${os.EOL}`);
}

/** An input as the runner hands it over: INPUT_<NAME> (spaces to underscores, upper case), trimmed; '' when unset. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** What the main step saved for the post step (STATE_<name>); '' when nothing was saved. */
export function getState(name: string): string {
  return process.env[`STATE_${name}`] ?? '';
}

/**
 * Appends `name<<delimiter … delimiter` to the environment file GITHUB_<FILE> names: the heredoc form takes
 * any value, multi-line included, and a random delimiter that the value cannot contain ends it.
 */
function appendKeyValue(file: 'OUTPUT' | 'STATE', name: string, value: string): void {
  const target = process.env[`GITHUB_${file}`];
  if (!target || !fs.existsSync(target)) throw new Error(`the runner's GITHUB_${file} file ${target ? `'${target}' does not exist` : 'is not set'}`);
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`the ${file.toLowerCase()} '${name}' contains its own delimiter`);
  fs.appendFileSync(target, `${name}<<${delimiter}${os.EOL}${value}${os.EOL}${delimiter}${os.EOL}`, 'utf8');
}

export function setOutput(name: string, value: string): void {
  if (process.env.GITHUB_OUTPUT) return appendKeyValue('OUTPUT', name, value);
  // A runner without environment files reads the older command, on a line of its own.
  process.stdout.write(os.EOL);
  issueCommand('set-output', value, { name });
}

export function saveState(name: string, value: string): void {
  if (process.env.GITHUB_STATE) return appendKeyValue('STATE', name, value);
  issueCommand('save-state', value, { name });
}

/** The runner masks this value in every later log line. */
export function setSecret(value: string): void {
  issueCommand('add-mask', value);
}

export function info(message: string): void {
  process.stdout.write(`${message}${os.EOL}`);
}

export function debug(message: string): void {
  issueCommand('debug', message);
}

/** Step debug logging is on (a re-run with debug logging sets RUNNER_DEBUG=1). */
export function isDebug(): boolean {
  return process.env.RUNNER_DEBUG === '1';
}

function annotationProperties(where: AnnotationProperties): Record<string, string | number | undefined> {
  if (Object.keys(where).length === 0) return {};
  return { title: where.title, file: where.file, line: where.startLine, endLine: where.endLine, col: where.startColumn, endColumn: where.endColumn };
}

export function warning(message: string, where: AnnotationProperties = {}): void {
  issueCommand('warning', message, annotationProperties(where));
}

export function error(message: string, where: AnnotationProperties = {}): void {
  issueCommand('error', message, annotationProperties(where));
}

/** An error annotation, and the step fails (exit code 1) once the main returns. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

/** The body's log lines folded under `title`; the fold closes however the body ends. */
export async function group<T>(title: string, body: () => Promise<T>): Promise<T> {
  issueCommand('group', title);
  try {
    return await body();
  } finally {
    issueCommand('endgroup', '');
  }
}

/** Appends markdown to the job summary (GITHUB_STEP_SUMMARY); earlier steps' parts stay. */
export async function appendSummary(markdown: string): Promise<void> {
  const target = process.env.GITHUB_STEP_SUMMARY;
  if (!target) throw new Error('this runner gives no job summary file (GITHUB_STEP_SUMMARY is not set)');
  await fs.promises.access(target, fs.constants.R_OK | fs.constants.W_OK);
  await fs.promises.appendFile(target, markdown, 'utf8');
}
