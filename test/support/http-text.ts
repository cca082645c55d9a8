import http from 'node:http';

/**
 * GETs `url` and resolves with the body. node:http with its own timer rather than fetch: Node 20's fetch
 * never settles on a server that accepts and closes, which turns a failed read into a test timeout.
 */
export function getText(url: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { body += chunk; });
      response.on('end', () => resolve(body));
      response.on('error', reject);
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}
