/**
 * What the host's kernel says about TCP ports, read from /proc/net/tcp and
 * /proc/net/tcp6 (present on every Linux host, no `ss` or `netstat` needed).
 * Containers run with host networking, so their sockets are in these tables.
 */
export const READ_TCP_TABLES = ['sh', '-c', 'cat /proc/net/tcp /proc/net/tcp6 2>/dev/null || true'];

const LISTEN = '0A';
const ESTABLISHED = '01';

export interface TcpTable {
  listening: Set<number>;
  /** Established connections by local port (the server side of a connection to that port). */
  established: Map<number, number>;
}

export function parseTcpTables(text: string): TcpTable {
  const listening = new Set<number>();
  const established = new Map<number, number>();
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    const state = fields[3];
    if (!local || !state || !/^[0-9A-F]+:[0-9A-F]{4}$/i.test(local)) continue;
    const port = parseInt(local.slice(local.indexOf(':') + 1), 16);
    if (state === LISTEN) listening.add(port);
    else if (state === ESTABLISHED) established.set(port, (established.get(port) ?? 0) + 1);
  }
  return { listening, established };
}

/** The first port in the range that nothing listens on and that is not the live copy's; undefined if none. */
export function chooseFreePort(range: { first: number; last: number }, listening: Set<number>, exclude: number[]): number | undefined {
  for (let port = range.first; port <= range.last; port += 1) {
    if (!listening.has(port) && !exclude.includes(port)) return port;
  }
  return undefined;
}
