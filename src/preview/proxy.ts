/**
 * The static proxy config for previews: one wildcard site whose upstream port
 * is computed from the host name per request (port-base + the PR number's last
 * three digits), so creating or removing a preview changes no proxy config and
 * never reloads the production site. Written once; `docs/preview.md` shows them.
 */

const escapeDomain = (domain: string): string => domain.replace(/\./g, '\\.');

/** port-base 46000 → "46": the digits in front of the three taken from the host name. */
const portPrefix = (portBase: number): string => String(portBase / 1000);

/**
 * Caddy (checked on 2.6.2): header_regexp captures the digits of `pr-<n>`, and
 * the capture is a placeholder inside the dial address. Three matchers pad 1-,
 * 2- and 3-digit tails. `route` keeps the written order (respond sorts first otherwise).
 */
export function caddyPreviewSite(domain: string, portBase: number, options: { listen?: string; bind?: string } = {}): string {
  const d = escapeDomain(domain);
  const p = portPrefix(portBase);
  const address = options.listen ?? `*.${domain}`;
  return [
    `${address} {`,
    ...(options.bind ? [`\tbind ${options.bind}`] : []),
    `\t@pr3 header_regexp pr Host ^pr-\\d*?(\\d{3})\\.${d}(:\\d+)?$`,
    `\t@pr2 header_regexp pr Host ^pr-(\\d{2})\\.${d}(:\\d+)?$`,
    `\t@pr1 header_regexp pr Host ^pr-(\\d)\\.${d}(:\\d+)?$`,
    '\troute {',
    `\t\treverse_proxy @pr3 127.0.0.1:${p}{re.pr.1}`,
    `\t\treverse_proxy @pr2 127.0.0.1:${p}0{re.pr.1}`,
    `\t\treverse_proxy @pr1 127.0.0.1:${p}00{re.pr.1}`,
    '\t\trespond "no such preview" 404',
    '\t}',
    '}',
    '',
  ].join('\n');
}

/** nginx: a `map` from $host to the port (regex captures, padded the same way) and one server block. */
export function nginxPreviewConfig(domain: string, portBase: number, options: { listen?: string } = {}): string {
  const d = escapeDomain(domain);
  const p = portPrefix(portBase);
  return [
    'map $host $slipway_preview_port {',
    `\t"~^pr-\\d*?(?<tail>\\d{3})\\.${d}$" ${p}$tail;`,
    `\t"~^pr-(?<tail>\\d{2})\\.${d}$" ${p}0$tail;`,
    `\t"~^pr-(?<tail>\\d)\\.${d}$" ${p}00$tail;`,
    '\tdefault "";',
    '}',
    '',
    'server {',
    `\tlisten ${options.listen ?? '443 ssl'};`,
    `\tserver_name ~^pr-\\d+\\.${d}$;`,
    '\tlocation / {',
    '\t\tif ($slipway_preview_port = "") { return 404; }',
    '\t\tproxy_set_header Host $host;',
    '\t\tproxy_set_header X-Forwarded-Proto $scheme;',
    '\t\tproxy_pass http://127.0.0.1:$slipway_preview_port;',
    '\t}',
    '}',
    '',
  ].join('\n');
}

/**
 * For Caddy's on-demand TLS: the `ask` endpoint, answered from Slipway's state.
 * Caddy asks `?domain=<name>` before getting a certificate; 200 only when the name
 * is `pr-<n>.<domain>` and `live/pr-<n>` exists (written by `up` after the smoke
 * check, removed by `down` and `reap`), so nobody can make Caddy burn the Let's
 * Encrypt limit on made-up names.
 */
export function caddyAskSite(listen: string, liveDirectory: string, domain: string): string {
  // Nested, not one matcher set: Caddy evaluates a set's matchers in no fixed
  // order, and `file` must see the name vars_regexp captured.
  return [
    `${listen} {`,
    `\t@preview vars_regexp ask {query.domain} ^(pr-\\d+)\\.${escapeDomain(domain)}$`,
    '\thandle @preview {',
    '\t\t@live file {',
    `\t\t\troot ${liveDirectory}`,
    '\t\t\ttry_files /{re.ask.1}',
    '\t\t}',
    '\t\trespond @live 200',
    '\t\trespond 404',
    '\t}',
    '\trespond 404',
    '}',
    '',
  ].join('\n');
}
