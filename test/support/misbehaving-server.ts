import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/**
 * Loopback servers (port 0) that fail the ways real ones do, for specs of every outgoing HTTP call:
 * - close-at-once: accepts the TCP connection and closes it before reading anything
 * - never-answer: accepts and says nothing, ever
 * - stall-body: answers the status and headers, then never sends the promised body
 * - slow-but-fine: answers correctly, 300 ms late and in dribs
 * - redirect: sends every request to /moved<path> first (307), where `answer` serves it
 * - tls-untrusted: serves `answer` over TLS with a certificate the caller does not trust
 * `answer` is what a healthy server would do; its request's URL has the /moved prefix removed.
 */
export type Misbehaviour = 'close-at-once' | 'never-answer' | 'stall-body' | 'slow-but-fine' | 'redirect' | 'tls-untrusted';

export interface MisbehavingServer {
  port: number;
  /** `http://127.0.0.1:<port>` (https for tls-untrusted). */
  origin: string;
  hostPort: string;
  /** Every request that reached the HTTP layer: method, URL as sent, headers. */
  requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }>;
  close: () => Promise<void>;
}

export type Answer = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export async function startMisbehaving(kind: Misbehaviour, answer: Answer, tls?: { key: string; cert: string }): Promise<MisbehavingServer> {
  const requests: MisbehavingServer['requests'] = [];
  const sockets = new Set<net.Socket>();
  const stalled: http.ServerResponse[] = [];
  const handler = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    if (kind === 'stall-body') {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
      response.write('{"');
      stalled.push(response);
      return;
    }
    if (kind === 'redirect' && !request.url?.startsWith('/moved/')) {
      response.writeHead(307, { location: `/moved${request.url ?? '/'}` });
      response.end();
      return;
    }
    if (request.url?.startsWith('/moved/')) request.url = request.url.slice('/moved'.length);
    if (kind === 'slow-but-fine') {
      setTimeout(() => answer(request, dribbling(response)), 300);
      return;
    }
    answer(request, response);
  };
  let server: net.Server;
  if (kind === 'close-at-once') server = net.createServer((socket) => socket.destroy());
  else if (kind === 'never-answer') server = net.createServer((socket) => { socket.on('error', () => undefined); });
  else if (kind === 'tls-untrusted') server = https.createServer({ key: tls?.key, cert: tls?.cert }, handler);
  else server = http.createServer(handler);
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    origin: `${kind === 'tls-untrusted' ? 'https' : 'http'}://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/** The same answer, written in small pieces 50 ms apart. */
function dribbling(response: http.ServerResponse): http.ServerResponse {
  const end = response.end.bind(response);
  (response as unknown as { end: (chunk?: unknown) => http.ServerResponse }).end = (chunk?: unknown) => {
    const bytes = chunk === undefined ? Buffer.alloc(0) : Buffer.from(chunk as string | Buffer);
    const pieces = [bytes.subarray(0, bytes.length / 3), bytes.subarray(bytes.length / 3, (2 * bytes.length) / 3), bytes.subarray((2 * bytes.length) / 3)];
    if (!response.headersSent) response.setHeader('content-length', String(bytes.length));
    let index = 0;
    const next = (): void => {
      if (index === pieces.length - 1) {
        end(pieces[index]);
        return;
      }
      response.write(pieces[index]);
      index += 1;
      setTimeout(next, 50);
    };
    next();
    return response;
  };
  return response;
}
