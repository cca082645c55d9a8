// Assignment forms that are not `name <operator> value` on one line: an XML
// element whose value sits on its own line, .NET/NuGet `<add key=… value=…>`,
// credentials on a curl command line, Kubernetes Secret `data:` (base64: decoded,
// then judged) and PKCS#12 keystores (recognised by their ASN.1 structure).
import { isPkcs12, samplePkcs12 } from '../pkcs12.js';
import type { SampleGenerator } from '../samples.js';
import type { Rule } from '../types.js';
import { humanPassword, isSecretName, isStrongGenericValue } from './structural.js';

/** The base64 of a value that decodes to printable text; undefined for binary data. */
function decodedText(value: string): string | undefined {
  const decoded = Buffer.from(value, 'base64');
  const text = decoded.toString('utf8');
  // Printable text (tabs and line breaks allowed), no replacement characters from invalid UTF-8.
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127 || c === 0xfffd) return undefined;
  }
  return text;
}

const bytesOf = (g: SampleGenerator, n: number): Buffer => Buffer.from(g.hex(n * 2), 'hex');

/**
 * One `kind: Secret` YAML document: the values under its top-level `data:` (and
 * `binaryData:`), wherever `kind` sits (kubectl writes `data` before `kind`).
 */
function secretDataValues(document: string, offset: number): Array<{ key: string; value: string; index: number }> {
  const values: Array<{ key: string; value: string; index: number }> = [];
  let inData = false;
  let position = 0;
  for (const line of document.split('\n')) {
    const start = position;
    position += line.length + 1;
    if (/^(?:data|binaryData):\s{0,16}$/.test(line)) { inData = true; continue; }
    if (!inData || line.trim() === '' || /^\s{0,64}#/.test(line)) continue;
    if (!/^\s/.test(line)) { inData = false; continue; }
    const entry = /^(\s{1,16})(["']?)([A-Za-z0-9_.-]{1,253})\2\s{0,8}:\s{0,8}(["']?)([A-Za-z0-9+/]{4,40000}={0,2})\4\s{0,16}$/.exec(line);
    if (entry) values.push({ key: entry[3], value: entry[5], index: offset + start + line.indexOf(entry[5], entry[1].length + entry[3].length) });
  }
  return values;
}

/** Top-level `kind: Secret` in a YAML document. */
const KIND_SECRET = /^kind:\s{0,8}["']?Secret["']?\s{0,8}$/m;

function kubernetesSecrets(text: string, judge: (decoded: string) => boolean): Array<{ index: number; secret: string; reported: boolean }> {
  const found: Array<{ index: number; secret: string; reported: boolean }> = [];
  // Documents are split at `---` lines; each keeps its offset in the text.
  const separators = [...text.matchAll(/^---[^\n]{0,200}$/gm)];
  let offset = 0;
  for (const separator of [...separators, undefined]) {
    const end = separator ? separator.index : text.length;
    const document = text.slice(offset, end);
    if (KIND_SECRET.test(document)) {
      for (const { key, value, index } of secretDataValues(document, offset)) {
        const bytes = Buffer.from(value, 'base64');
        const decoded = decodedText(value);
        const reported = isPkcs12(bytes)
          || (decoded !== undefined && (judge(decoded) || (isSecretName(key.toLowerCase()) && isStrongGenericValue(decoded.trim(), { quoted: true, name: key }))));
        found.push({ index, secret: value, reported });
      }
    }
    if (separator) offset = separator.index + separator[0].length;
  }
  return found;
}

const base64Of = (text: string): string => Buffer.from(text).toString('base64');
const k8sSecret = (entries: string[], order: 'kubectl' | 'hand' = 'hand'): string => {
  const data = ['data:', ...entries.map((entry) => `  ${entry}`)];
  const head = ['apiVersion: v1'];
  const meta = ['metadata:', '  name: app-credentials', '  namespace: shop', 'type: Opaque'];
  return (order === 'kubectl' ? [...head, ...data, 'kind: Secret', ...meta] : [...head, 'kind: Secret', ...meta, ...data]).join('\n');
};

export const formRules: Rule[] = [
  {
    id: 'xml-secret-element',
    title: 'Secret-looking XML element with a value',
    generic: true,
    multiline: true,
    reportSecretLine: true,
    window: 600,
    minified: false,
    // A tag's end after the word: the rule wakes on `<password>` lines, not on every line naming a password.
    keywords: ['pass>', 'password>', 'passwd>', 'pwd>', 'passphrase>', 'secret>', 'token>', 'key>', 'credential>', 'credentials>'],
    // `<password>value</password>`, also with the value on a line of its own (Maven settings, .NET configs).
    pattern: /<(?<name>[A-Za-z_][A-Za-z0-9_.:-]{0,80})(?:\s[^<>\n]{0,200})?>\s{0,200}(?<secret>[^\s<>]{8,200})\s{0,200}<\/\k<name>>/,
    validate: (value) => isStrongGenericValue(value, { quoted: true }),
    samples: {
      match: [
        (g) => `<server>\n  <id>releases</id>\n  <password>\n    ${humanPassword(g)}\n  </password>\n</server>`,
        (g) => `    <apiToken>${g.alnum(32)}</apiToken>`,
      ],
      quiet: [
        '<password>\n    ${env.NEXUS_PASSWORD}\n</password>',
        '<password>changeme</password>',
        '<tokenType>\n  BearerTokenType\n</tokenType>',
        '<xs:element name="password" type="xs:string"/>',
      ],
    },
  },
  {
    id: 'xml-secret-setting',
    title: 'Secret in an <add key=… value=…> setting (NuGet, .NET app settings)',
    generic: true,
    minified: false,
    keywords: ['<add '],
    pattern: /<add\s{1,8}key\s{0,4}=\s{0,4}"(?<name>[^"\n]{1,80})"\s{1,8}value\s{0,4}=\s{0,4}"(?<secret>[^"\n]{8,200})"/i,
    validate: (value) => isStrongGenericValue(value, { quoted: true }),
    samples: {
      match: [
        (g) => `      <add key="ClearTextPassword" value="${humanPassword(g)}" />`,
        (g) => `  <add key="PaymentsApiToken" value="${g.alnum(32)}"/>`,
      ],
      quiet: [
        '      <add key="ClearTextPassword" value="%NUGET_PASSWORD%" />',
        '      <add key="Username" value="deploy-bot-account" />',
        '  <add key="PasswordResetUrl" value="https://shop.example.net/reset" />',
      ],
    },
  },
  {
    id: 'curl-user-password',
    title: 'Password in a curl -u / --user argument',
    minified: false,
    generic: true,
    keywords: ['curl'],
    pattern: /(?<![A-Za-z0-9_-])curl(?:\s[^\n]{0,400}?)?\s(?:-u\s{0,4}|--user(?:\s{1,4}|=))(?<q>["']?)(?<user>[^\s:"'@$]{1,100}):(?<secret>[^\s"']{6,200})\k<q>(?=\s|$)/,
    validate: (password, match) => password !== match.groups?.user && isStrongGenericValue(password, { quoted: true }),
    samples: {
      match: [
        (g) => `curl -fsS -u deploy:${humanPassword(g)} https://ci.internal/api/builds`,
        (g) => `curl --user "ci-bot:${g.alnum(24)}" -X POST https://registry.internal/v2/token`,
      ],
      quiet: [
        'curl -fsS -u "deploy:$DEPLOY_PASSWORD" https://ci.internal/api/builds',
        'curl -u deploy:changeme https://ci.internal/api',
        'curl --user ci-bot https://registry.internal/v2/token',
      ],
    },
  },
  {
    id: 'http-header-secret',
    title: 'Credential in an HTTP header on a command line',
    minified: false,
    generic: true,
    keywords: ['-h ', "-h'", '-h"', '--header'],
    // `-H 'Authorization: token …'`, `-H "X-API-Key: …"`, `--header=PRIVATE-TOKEN:…` (Basic and Bearer have rules of their own).
    pattern: /(?:^|\s)(?:-H|--header)(?:\s{1,4}|=)(?<q>["'])(?<header>[A-Za-z0-9_-]{1,60})\s{0,4}:\s{0,8}(?:(?<scheme>token|apikey|api-key|key|sso-key|bot|digest)\s{1,4})?(?<secret>[^\s"']{8,500})\k<q>/i,
    validate: (value, match) => {
      const header = (match.groups?.header ?? '').toLowerCase();
      const credentialHeader = /^(?:proxy-)?authorization$/.test(header) || isSecretName(header);
      return credentialHeader && !/^(?:basic|bearer)$/i.test(value) && isStrongGenericValue(value, { quoted: true });
    },
    samples: {
      match: [
        (g) => `curl -H 'Authorization: token ${g.alnum(40)}' https://forge.internal/api/v1/repos`,
        (g) => `curl -sS -H "X-API-Key: ${g.alnum(32)}" https://metrics.internal/ingest`,
        (g) => `curl --header "PRIVATE-TOKEN: ${g.urlSafe(26)}x9" https://gitlab.internal/api/v4/projects`,
      ],
      quiet: [
        'curl -H "X-API-Key: $METRICS_API_KEY" https://metrics.internal/ingest',
        "curl -H 'Authorization: token ${FORGE_TOKEN}' https://forge.internal/api",
        "curl -H 'Content-Type: application/json' -H 'X-Request-Id: 7f3a9c2e41b8' https://api.internal",
        "curl -H 'X-API-Key: your-api-key-here' https://metrics.internal",
      ],
    },
  },
  {
    id: 'kubernetes-secret-data',
    title: 'Kubernetes Secret data value (base64-decoded)',
    minified: false,
    keywords: ['Secret'],
    pattern: KIND_SECRET,
    document: kubernetesSecrets,
    samples: {
      match: [
        (g) => k8sSecret([`username: ${base64Of('shop')}`, `password: ${base64Of(humanPassword(g))}`]),
        (g) => k8sSecret([`api-token: ${base64Of(g.alnum(32))}`], 'kubectl'),
        (g) => k8sSecret([`DATABASE_URL: ${base64Of(`postgres://shop:${g.alnum(20)}@db.internal:5432/shop`)}`]),
      ],
      quiet: [
        k8sSecret([`username: ${base64Of('shop')}`, `password: ${base64Of('changeme')}`]),
        k8sSecret([`ca.crt.fingerprint: ${base64Of('sha256:9f86d081884c7d659a2feaa0c55ad015')}`, `region: ${base64Of('eu-central-1')}`]),
        ['apiVersion: v1', 'kind: ConfigMap', 'data:', `  password-policy: ${base64Of('minLength=12')}`].join('\n'),
      ],
    },
  },
  {
    id: 'pkcs12-keystore',
    title: 'PKCS#12 keystore (base64 or binary)',
    keywords: ['mii', 'mia'],
    // The base64 of a DER SEQUENCE opens `MII` (a 2-byte length: up to 64 KB) or `MIA` (BER's indefinite length).
    pattern: /(?<![A-Za-z0-9+/])(?<secret>MI[IA][A-Za-z0-9+/]{60,40000}={0,2})(?![A-Za-z0-9+/=])/,
    validate: (blob) => isPkcs12(Buffer.from(blob.slice(0, 64), 'base64')),
    binary: (bytes) => (isPkcs12(bytes, true) ? Buffer.from(bytes).toString('base64') : undefined),
    samples: {
      match: [
        (g) => `keystore.p12: ${samplePkcs12(bytesOf(g, 1200)).toString('base64')}`,
        (g) => `  "signingKeystore": "${samplePkcs12(bytesOf(g, 400)).toString('base64')}",`,
      ],
      quiet: [
        // A version-2 structure is not a PFX, and neither is a certificate's DER.
        (g) => `keystore: ${samplePkcs12(bytesOf(g, 400), 2).toString('base64')}`,
        (g) => `certificate: ${Buffer.concat([Buffer.from([0x30, 0x82, 0x01, 0x90, 0x30, 0x82, 0x01, 0x38]), bytesOf(g, 392)]).toString('base64')}`,
      ],
    },
  },
];
