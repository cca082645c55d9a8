// The GitHub / Forgejo REST API the templates' steps call (PR comments, drill issues, workflow runs),
// answered on 127.0.0.1 by the test: the real forges are out of reach here. It answers the few
// routes Slipway uses with the smallest valid bodies and records every request for assertions.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ForgeRequest { method: string; path: string; authorization: string; body: string }

export class FakeForge {
  readonly requests: ForgeRequest[] = [];
  url = '';
  private server?: http.Server;

  async start(): Promise<this> {
    this.server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      request.on('end', () => {
        // Forgejo's API lives under /api/v1 of the server; GitHub's at the API host's root.
        const route = (request.url ?? '').replace(/^\/api\/v1/, '');
        this.requests.push({ method: request.method ?? '', path: route, authorization: String(request.headers.authorization ?? ''), body });
        const [status, answer] = this.answer(request.method ?? '', route);
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private answer(method: string, route: string): [number, unknown] {
    const pathOnly = route.split('?')[0] ?? '';
    if (method === 'GET' && /\/issues(\/\d+\/comments)?$/.test(pathOnly)) return [200, []];
    if (method === 'POST' && /\/issues\/\d+\/comments$/.test(pathOnly)) return [201, { id: 7 }];
    if (method === 'POST' && /\/issues$/.test(pathOnly)) return [201, { number: 5, html_url: `${this.url}/issues/5` }];
    if (method === 'PATCH') return [200, {}];
    if (method === 'GET' && /\/actions\/(workflows\/[^/]+\/)?runs$/.test(pathOnly)) return [200, { workflow_runs: [] }];
    return [404, { message: `not emulated: ${method} ${route}` }];
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
