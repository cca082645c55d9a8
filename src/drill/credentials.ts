import { REDACTED, registerSecret } from '../core/secrets.js';

// A repository location may carry credentials in its userinfo
// (`rest:https://user:pass@host/repo`, `s3:https://KEY:SECRET@host/bucket`).
// The location itself is shown in the summary and the report, so it is shown
// without them, and the credentials are registered so a tool's echo is masked too.

/** `scheme://userinfo@`, after an optional restic backend prefix (`rest:`, `s3:` …). */
const USERINFO = /^((?:[a-z][\w+.-]*:)?[a-z][\w+.-]*:\/\/)([^/]*)@/i;

/** Over HTTP a bare userinfo is a token; for ssh/sftp it is only the login name. */
const TOKEN_SCHEMES = /(^|:)https?:\/\/$/i;

interface Userinfo { prefix: string; user: string; password?: string; secretUser: boolean }

function userinfoOf(location: string): Userinfo | undefined {
  const match = USERINFO.exec(location);
  if (!match) return undefined;
  const [, prefix, userinfo] = match;
  const colon = userinfo.indexOf(':');
  const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
  const password = colon < 0 ? undefined : userinfo.slice(colon + 1);
  return { prefix, user, password, secretUser: password === undefined && TOKEN_SCHEMES.test(prefix) };
}

/** The location as it may be shown: the password (or an HTTP token) replaced by `***`. */
export function withoutCredentials(location: string): string {
  const info = userinfoOf(location);
  if (!info || (info.password === undefined && !info.secretUser)) return location;
  const shown = info.secretUser ? REDACTED : `${info.user}:${REDACTED}`;
  return location.replace(USERINFO, `${info.prefix}${shown}@`);
}

/** Registers the secret part of a location's userinfo (raw and percent-decoded) for redaction. */
export function registerLocationCredentials(location: string): void {
  const info = userinfoOf(location);
  const secret = info?.password ?? (info?.secretUser ? info.user : undefined);
  if (!secret) return;
  registerSecret(secret);
  try {
    registerSecret(decodeURIComponent(secret));
  } catch {
    // Not valid percent-encoding: the raw form is what a tool would print.
  }
}
