// Real HTTP(S) servers for the smoke tests, on loopback, stopped by the tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export interface TestServer {
  port: number;
  url: (pathname?: string) => string;
  close: () => Promise<void>;
}

export async function startServer(handler: Handler, options: { host?: string; port?: number; tls?: TestCertificates } = {}): Promise<TestServer> {
  const host = options.host ?? '127.0.0.1';
  const server = options.tls
    ? https.createServer({ key: options.tls.serverKey, cert: options.tls.serverCert }, handler)
    : http.createServer(handler);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (pathname = '/health') => `${options.tls ? 'https' : 'http'}://${host}:${port}${pathname}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A port that was free a moment ago (nothing listens on it). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = await startServer(() => undefined, { host });
  await server.close();
  return server.port;
}

export function json(response: http.ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  response.writeHead(status, { 'content-type': contentType });
  response.end(JSON.stringify(body));
}

export const servername = (request: http.IncomingMessage): string | false | null | undefined => (request.socket as TLSSocket).servername;

export interface TestCertificates {
  caCert: string;
  caPath: string;
  serverKey: string;
  serverCert: string;
  dir: string;
}

/** A throwaway CA and a server certificate for `app.test` and 127.0.0.1, made with the openssl CLI. */
export function makeCertificates(): TestCertificates {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-smoke-ca-'));
  const run = (args: string[]): void => { execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' }); };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Slipway Smoke Test CA']);
  run(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=app.test']);
  fs.writeFileSync(path.join(dir, 'ext.cnf'), 'subjectAltName=DNS:app.test,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n');
  run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'ext.cnf']);
  const read = (file: string): string => fs.readFileSync(path.join(dir, file), 'utf8');
  return { caCert: read('ca.crt'), caPath: path.join(dir, 'ca.crt'), serverKey: read('server.key'), serverCert: read('server.crt'), dir };
}
