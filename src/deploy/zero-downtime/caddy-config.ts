/** The loopback names an upstream may use for a copy on this host. */
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

export interface UpstreamRef {
  /** Path under /config/ of the upstream's `dial`, e.g. apps/http/servers/srv0/routes/0/handle/0/upstreams/0/dial. */
  path: string;
  dial: string;
}

/** Every reverse_proxy upstream in a Caddy JSON config that dials `port` on loopback. */
export function findUpstreams(config: unknown, port: number): UpstreamRef[] {
  const found: UpstreamRef[] = [];
  const wanted = LOOPBACK.map((host) => `${host}:${port}`);
  const walk = (node: unknown, path: string[]): void => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => walk(child, [...path, String(index)]));
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.handler === 'reverse_proxy' && Array.isArray(record.upstreams)) {
      record.upstreams.forEach((upstream: unknown, index) => {
        const dial = (upstream as { dial?: unknown } | null)?.dial;
        if (typeof dial === 'string' && wanted.includes(dial)) found.push({ path: [...path, 'upstreams', String(index), 'dial'].join('/'), dial });
      });
    }
    for (const [key, child] of Object.entries(record)) walk(child, [...path, key]);
  };
  walk(config, []);
  return found;
}

/** Every loopback upstream dial in the config, for messages ("found 127.0.0.1:9000"). */
export function allDials(config: unknown): string[] {
  const dials: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.handler === 'reverse_proxy' && Array.isArray(record.upstreams)) {
      for (const upstream of record.upstreams) if (typeof (upstream as { dial?: unknown })?.dial === 'string') dials.push((upstream as { dial: string }).dial);
    }
    Object.values(record).forEach(walk);
  };
  walk(config);
  return dials;
}

/** The ports of every loopback upstream in the config: where Caddy sends traffic on this host. */
export function loopbackPorts(config: unknown): number[] {
  const ports = allDials(config).map((dial) => {
    const split = dial.lastIndexOf(':');
    return LOOPBACK.includes(dial.slice(0, split)) ? Number(dial.slice(split + 1)) : NaN;
  });
  return [...new Set(ports.filter((port) => Number.isInteger(port) && port > 0))];
}

/** One change through Caddy's admin API, as data. */
export interface AdminRequest {
  method: 'PATCH';
  path: string;
  body: string;
  headers: Record<string, string>;
}

/**
 * Moves one upstream: a PATCH of its `dial` value alone, so other sites and
 * apps in the same Caddy are not rewritten. With the ETag of the config the
 * upstream was found in as If-Match, Caddy refuses (412) when anything changed
 * since, instead of applying the change to a path that now means something else.
 */
export function dialPatch(ref: UpstreamRef, port: number, etag: string | undefined): AdminRequest {
  return { method: 'PATCH', path: `/config/${ref.path}`, body: JSON.stringify(`127.0.0.1:${port}`), headers: etag ? { 'if-match': etag } : {} };
}

/**
 * The live-port directories of routes that pick their upstream per request:
 * a `file` matcher over a directory holding one file named by the live port,
 * whose name a `map` turns into the dial's placeholder (examples/proxy/Caddyfile.live-file).
 * A switch replaces that file by one named for the new port: Caddy's loaded config never changes, so nothing reloads.
 */
export function liveFileRoots(config: unknown): string[] {
  const roots = new Set<string>();
  const dialsPlaceholder = (handle: unknown): boolean => allDials({ handle }).some((dial) => dial.includes('{'));
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as { match?: unknown; handle?: unknown };
    if (Array.isArray(record.match) && dialsPlaceholder(record.handle)) {
      for (const set of record.match) {
        const file = (set as { file?: { root?: unknown } } | null)?.file;
        if (typeof file?.root === 'string' && file.root.startsWith('/')) roots.add(file.root);
      }
    }
    Object.values(record).forEach(walk);
  };
  walk(config);
  return [...roots];
}

/** The ports named by the files of a live-port directory (`ls -1A` output); other names are ignored. */
export function livePortsIn(listing: string): number[] {
  return listing.split('\n').map((name) => name.trim()).filter((name) => /^\d{1,5}$/.test(name)).map(Number).filter((port) => port > 0 && port < 65536);
}
