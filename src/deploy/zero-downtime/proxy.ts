import { SlipwayError } from '../../core/errors.js';
import { httpRequest, HttpRequestError } from '../../core/http/request.js';
import type { SshSession } from '../../ssh/index.js';
import { allDials, dialPatch, findUpstreams, liveFileRoots, livePortsIn, loopbackPorts } from './caddy-config.js';
import type { ZeroDowntimeSettings } from './settings.js';

/** Moves the proxy's traffic from one copy's port to another's. */
export interface ProxySwitcher {
  readonly kind: string;
  /** Checked before anything starts: the proxy is reachable and sends traffic to `fromPort` today. */
  preflight(fromPort: number): Promise<void>;
  /** Switches and checks the change took effect; throws (leaving traffic on `fromPort`) when the proxy refuses. */
  switchTo(toPort: number, fromPort: number): Promise<void>;
  /**
   * The loopback ports the proxy sends traffic to now, read from the proxy itself
   * (undefined when it cannot be asked: proxy-switch-command). The host's state
   * file may be a step behind it when a deploy was cut right after its switch.
   */
  servingPorts(): Promise<number[] | undefined>;
}

export function proxySwitcher(session: SshSession, settings: ZeroDowntimeSettings): ProxySwitcher {
  switch (settings.proxy) {
    case 'caddy': return new CaddySwitcher(session, settings.caddyAdmin);
    case 'nginx': return new NginxSwitcher(session, settings.nginxUpstreamFile ?? '', settings.nginxCommand);
    case 'command': return new CommandSwitcher(session, settings.switchCommand ?? '');
  }
}

/** The contents of the nginx include: one server line inside the user's `upstream` block. */
export function renderNginxUpstream(port: number): string {
  return `# Written by Slipway on each zero-downtime deploy: the live copy of the app.\nserver 127.0.0.1:${port};\n`;
}

/**
 * The loopback ports an nginx include points at: Slipway writes `server 127.0.0.1:<port>;`,
 * but before the first switch it holds what the user wrote (`proxy_pass http://127.0.0.1:<port>;`).
 */
export function nginxUpstreamPorts(text: string): number[] {
  const ports = new Set<number>();
  for (const line of text.split('\n')) {
    const code = line.replace(/#.*/, '');
    for (const match of code.matchAll(/(?:127\.0\.0\.1|localhost|\[::1\]):(\d+)\b/g)) ports.add(Number(match[1]));
  }
  return [...ports];
}

/** Caddy's admin API on the host's loopback, reached through a port forwarded over the SSH session. */
class CaddySwitcher implements ProxySwitcher {
  readonly kind = 'caddy';
  constructor(private readonly session: SshSession, private readonly admin: string) {}

  private async request(method: string, path: string, body?: string, extraHeaders: Record<string, string> = {}): Promise<{ status: number; text: string; etag?: string }> {
    const split = this.admin.lastIndexOf(':');
    const host = this.admin.slice(0, split).replace(/^\[|\]$/g, '');
    const forward = await this.session.forwardLocalPort(Number(this.admin.slice(split + 1)), host).catch((error: unknown) => {
      throw new SlipwayError(`caddy-admin: Caddy's admin API at ${this.admin} on ${this.session.name} is unreachable (${(error as Error).message})`, { fix: 'Check Caddy runs there and its admin endpoint listens on that address (global option `admin 127.0.0.1:2019`)' });
    });
    try {
      // Caddy checks Host against the admin address it listens on: the URL's host is that address.
      const response = await httpRequest(`http://${this.admin}${path}`, {
        method,
        headers: { ...extraHeaders, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body,
        timeoutMs: 10_000,
        maxBodyBytes: 16 * 1024 * 1024,
        connect: { host: '127.0.0.1', port: forward.localPort, via: `through SSH to ${this.session.name}` },
        what: `${method} ${path}`,
      });
      // Caddy sends the ETag of a config read as a trailer.
      return { status: response.status, text: response.text(), etag: response.trailers.etag ?? response.header('etag') };
    } catch (error) {
      if (!(error instanceof HttpRequestError)) throw error;
      throw new SlipwayError(`caddy-admin: Caddy's admin API at ${this.admin} on ${this.session.name} is unreachable (${error.message})`, {
        fix: 'Check Caddy runs there and its admin endpoint listens on that address (global option `admin 127.0.0.1:2019`)',
      });
    } finally {
      await forward.close();
    }
  }

  private async read(): Promise<{ config: unknown; etag?: string }> {
    const { status, text, etag } = await this.request('GET', '/config/');
    if (status !== 200) throw new SlipwayError(`caddy-admin: Caddy refused to show its config (HTTP ${status}: ${text.trim().slice(0, 200)})`, { fix: 'Check the admin endpoint allows requests from the host\'s loopback' });
    return { config: JSON.parse(text) as unknown, etag };
  }

  private async config(): Promise<unknown> {
    return (await this.read()).config;
  }

  /** Each live-port directory the config routes by, with the ports its files name now. */
  private async liveDirs(config: unknown): Promise<Array<{ dir: string; ports: number[] }>> {
    const dirs = [];
    for (const dir of liveFileRoots(config)) {
      const listing = await this.session.exec(['ls', '-1A', '--', dir], { allowFailure: true });
      if (listing.exitCode === 0) dirs.push({ dir, ports: livePortsIn(listing.stdout) });
    }
    return dirs;
  }

  /** The live-port directory that names `port`: this app's, when Caddy routes it without a reload. */
  private async liveDirOf(config: unknown, port: number): Promise<string | undefined> {
    return (await this.liveDirs(config)).find((live) => live.ports.includes(port))?.dir;
  }

  async servingPorts(): Promise<number[]> {
    const config = await this.config();
    return [...new Set([...loopbackPorts(config), ...(await this.liveDirs(config)).flatMap((live) => live.ports)])];
  }

  async preflight(fromPort: number): Promise<void> {
    const config = await this.config();
    const liveDir = await this.liveDirOf(config, fromPort);
    if (liveDir) {
      const writable = await this.session.exec(['test', '-w', liveDir], { allowFailure: true });
      if (writable.exitCode !== 0) throw new SlipwayError(`caddy: the live-port directory ${liveDir} on ${this.session.name} is not writable by ${this.session.target.user}`, { fix: 'Make it owned by the SSH user (Caddy only needs to read it)' });
      return;
    }
    if (findUpstreams(config, fromPort).length === 0) {
      throw new SlipwayError(`caddy-admin: no reverse_proxy upstream in Caddy's config dials port ${fromPort} on loopback (found ${allDials(config).join(', ') || 'no reverse_proxy upstreams'})`, {
        fix: `Point the site's reverse_proxy at 127.0.0.1:${fromPort} (the port in health-url, where the app runs today) before the first zero-downtime deploy`,
      });
    }
  }

  async switchTo(toPort: number, fromPort: number): Promise<void> {
    let { config, etag } = await this.read();
    const liveDir = await this.liveDirOf(config, fromPort);
    if (liveDir) return this.switchLiveFile(liveDir, toPort, fromPort);
    const moving = findUpstreams(config, fromPort).length;
    if (moving === 0) throw new SlipwayError(`caddy-admin: no upstream dials port ${fromPort} any more (found ${allDials(config).join(', ')}); someone changed Caddy's config during the deploy`);
    // Only this app's upstream dials change (one graceful reload each), so another
    // app switching its own route on the same Caddy is neither lost nor undone; a
    // change by someone else in between makes Caddy answer 412, and we read again.
    for (let round = 1, conflicts = 0; ; round += 1) {
      const ref = findUpstreams(config, fromPort)[0];
      if (!ref) break;
      const patch = dialPatch(ref, toPort, etag);
      const { status, text } = await this.request(patch.method, patch.path, patch.body, patch.headers);
      if (status === 412 && conflicts < 5) conflicts += 1;
      else if (status !== 200) throw new SlipwayError(`caddy-admin: Caddy refused the new upstream 127.0.0.1:${toPort} (HTTP ${status}: ${text.trim().slice(0, 300)})`, { fix: 'Read Caddy\'s answer above; its config was left as it was' });
      if (round > moving + 5) throw new SlipwayError(`caddy-admin: Caddy's config kept changing while Slipway moved the upstream to 127.0.0.1:${toPort} (found ${allDials(config).join(', ')})`, { fix: 'Deploy again once no other change is being made to Caddy' });
      ({ config, etag } = await this.read());
    }
    // The last read is the read-back: every upstream that dialed the old port dials the new one.
    if (findUpstreams(config, toPort).length < moving || findUpstreams(config, fromPort).length > 0) {
      throw new SlipwayError(`caddy-admin: Caddy accepted the change but its config still dials ${allDials(config).join(', ')}`);
    }
  }

  /**
   * The switch that never reloads: the new port's file is created, then the old
   * one removed. Not a rename: Caddy's try_files glob reads the directory, and a
   * directory read that races a rename may see neither name (measured: one 502 in
   * 50,732 requests over 10 switches); with create-then-remove every read sees at
   * least one live copy, and both are healthy in between.
   */
  private async switchLiveFile(dir: string, toPort: number, fromPort: number): Promise<void> {
    const script = 'cd "$1" && [ -e "$2" ] && : > "$3" && rm -f -- "$2"';
    const moved = await this.session.exec(['sh', '-c', script, 'slipway-live-port', dir, String(fromPort), String(toPort)], { allowFailure: true, label: `point ${dir} at the new port` });
    const after = await this.session.exec(['ls', '-1A', '--', dir], { allowFailure: true });
    const ports = livePortsIn(after.stdout);
    if (moved.exitCode !== 0 || ports.length !== 1 || ports[0] !== toPort) {
      throw new SlipwayError(`caddy: could not point ${dir} on ${this.session.name} at port ${toPort} (it names ${ports.join(', ') || 'no port'})`, { fix: `Leave exactly one file in ${dir}, named by the live copy's port (${fromPort} before this deploy)` });
    }
  }
}

/** nginx: rewrite the upstream include, `nginx -t`, then `nginx -s reload` (old workers finish their requests). */
class NginxSwitcher implements ProxySwitcher {
  readonly kind = 'nginx';
  constructor(private readonly session: SshSession, private readonly file: string, private readonly command: string) {}

  private nginx(...args: string[]): string[] {
    return ['sh', '-c', `${this.command} "$@"`, 'slipway-nginx', ...args];
  }

  async preflight(fromPort: number): Promise<void> {
    const writable = await this.session.exec(['sh', '-c', 'd=$(dirname "$1"); [ -w "$d" ] && { [ ! -e "$1" ] || [ -w "$1" ]; }', 'slipway-check', this.file], { allowFailure: true });
    if (writable.exitCode !== 0) throw new SlipwayError(`nginx-upstream-file: ${this.file} on ${this.session.name} is not writable by ${this.session.target.user}`, { fix: 'Create its directory owned by the SSH user (the rest of nginx\'s config can stay root\'s)' });
    const test = await this.session.exec(this.nginx('-t'), { allowFailure: true, label: `nginx -t on ${this.session.target.host}` });
    if (test.exitCode !== 0) throw new SlipwayError(`nginx: \`${this.command} -t\` fails before any change (${lastLine(test.stderr)})`, { fix: 'Fix nginx\'s config first, or set nginx-command to how nginx is run on the host (e.g. sudo -n nginx)' });
    const current = await this.session.exec(['cat', this.file], { allowFailure: true });
    if (current.exitCode === 0 && !current.stdout.includes(`:${fromPort};`)) {
      throw new SlipwayError(`nginx-upstream-file: ${this.file} does not point at the live copy's port ${fromPort} (found ${current.stdout.trim().split('\n').pop() ?? 'nothing'})`, {
        fix: `Write \`server 127.0.0.1:${fromPort};\` into it (the port in health-url, where the app runs today) before the first zero-downtime deploy`,
      });
    }
  }

  async servingPorts(): Promise<number[] | undefined> {
    const current = await this.session.exec(['cat', this.file], { allowFailure: true });
    // No file yet (or unreadable): preflight says what is wrong with it.
    return current.exitCode === 0 ? nginxUpstreamPorts(current.stdout) : undefined;
  }

  async switchTo(toPort: number): Promise<void> {
    const previous = await this.session.exec(['cat', this.file], { allowFailure: true });
    const write = (text: string) => this.session.exec(['sh', '-c', 'cat > "$1.slipway-new" && mv -f "$1.slipway-new" "$1"', 'slipway-upstream', this.file], { stdin: text, label: `write ${this.file}` });
    await write(renderNginxUpstream(toPort));
    const test = await this.session.exec(this.nginx('-t'), { allowFailure: true, label: `nginx -t on ${this.session.target.host}` });
    if (test.exitCode !== 0) {
      if (previous.exitCode === 0) await write(previous.stdout);
      else await this.session.exec(['rm', '-f', this.file]);
      throw new SlipwayError(`nginx: \`nginx -t\` rejected the new upstream 127.0.0.1:${toPort} (${lastLine(test.stderr)}); ${this.file} was put back and nginx was not reloaded`, { fix: 'Check the upstream block that includes the file' });
    }
    const reload = await this.session.exec(this.nginx('-s', 'reload'), { allowFailure: true, label: `nginx -s reload on ${this.session.target.host}` });
    if (reload.exitCode !== 0) {
      if (previous.exitCode === 0) await write(previous.stdout);
      throw new SlipwayError(`nginx: \`nginx -s reload\` failed (${lastLine(reload.stderr)}); ${this.file} was put back`, { fix: 'Check nginx-command can signal the running nginx (same -c/-p and pid file, same user or sudo -n)' });
    }
  }
}

/** Any other proxy: the user's command gets the new port as its argument (and SLIPWAY_OLD_PORT). */
class CommandSwitcher implements ProxySwitcher {
  readonly kind = 'command';
  constructor(private readonly session: SshSession, private readonly command: string) {}

  async preflight(): Promise<void> {}

  async servingPorts(): Promise<undefined> {
    return undefined;
  }

  async switchTo(toPort: number, fromPort: number): Promise<void> {
    const result = await this.session.exec(['sh', '-c', `${this.command} "$1"`, 'slipway-proxy-switch', String(toPort)], {
      env: { SLIPWAY_NEW_PORT: String(toPort), SLIPWAY_OLD_PORT: String(fromPort) }, allowFailure: true, label: `proxy-switch-command on ${this.session.target.host}`,
    });
    if (result.exitCode !== 0) throw new SlipwayError(`proxy-switch-command: exited with code ${result.exitCode} switching to port ${toPort} (${lastLine(result.stderr)})`);
  }
}

/** The line that says why (nginx puts `[emerg]` before its closing "test failed"). */
function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter(Boolean);
  return lines.find((line) => /\[(emerg|alert|crit)\]/.test(line)) ?? lines.pop() ?? '';
}
