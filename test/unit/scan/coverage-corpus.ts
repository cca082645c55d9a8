// The coverage corpus of issue 24: every assignment form, provider format and
// structure the peers document, each with quiet twins (a reference, a
// placeholder, an identifier, a broken structure). Values are drawn at test time
// from a seed; nothing here is a real secret, and no token-shaped literal is written.
import { base62, crc32 } from '../../../src/scan/encoding.js';
import { samplePkcs12 } from '../../../src/scan/pkcs12.js';
import { humanPassword } from '../../../src/scan/rules/structural.js';
import type { SampleGenerator } from '../../../src/scan/samples.js';

const camel = (name: string): string => name.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const pascal = (name: string): string => camel(name).replace(/^./, (c) => c.toUpperCase());
const snake = (name: string): string => name.toLowerCase();
const dotted = (name: string): string => name.toLowerCase().replace(/_/g, '.');

/** One way of writing `name = value`: the lines, and which of them holds the value. */
export interface AssignmentForm {
  form: string;
  /** File name the form lives in (the detector sees the path, as in a real scan). */
  file: string;
  lines: (name: string, value: string) => string[];
  /** 0-based index of the line holding the value. */
  valueLine?: number;
  /** The same assignment reading the value from somewhere else. */
  reference: (name: string) => string[];
}

export const FORMS: AssignmentForm[] = [
  { form: 'shell export', file: 'deploy.sh', lines: (n, v) => [`export ${n}="${v}"`], reference: (n) => [`export ${n}="\${${n}:?set ${n}}"`] },
  { form: 'env file', file: '.env', lines: (n, v) => [`${n}=${v}`], reference: (n) => [`${n}=\${${n}_FROM_VAULT}`] },
  { form: 'YAML quoted', file: 'config.yml', lines: (n, v) => ['app:', `  ${snake(n)}: "${v}"`], valueLine: 1, reference: (n) => ['app:', `  ${snake(n)}: \${{ secrets.${n} }}`] },
  // A plain scalar cannot open with a YAML indicator (`!` tag, `*` alias, `@` `%` reserved): the author quotes those.
  { form: 'YAML plain', file: 'config.yaml', lines: (n, v) => ['app:', `  ${snake(n)}: ${/^[!&*%@|>#]/.test(v) ? `'${v}'` : v}`], valueLine: 1, reference: (n) => ['app:', `  ${snake(n)}: !env ${n}`] },
  { form: 'JSON', file: 'settings.json', lines: (n, v) => ['{', `  "${camel(n)}": "${v}",`, '  "debug": false', '}'], valueLine: 1, reference: (n) => ['{', `  "${camel(n)}": "\${${n}}",`, '}'] },
  { form: 'TOML', file: 'config.toml', lines: (n, v) => ['[service]', `${snake(n)} = "${v}"`], valueLine: 1, reference: (n) => ['[service]', `${snake(n)} = "env:${n}"`] },
  { form: 'INI', file: 'app.ini', lines: (n, v) => ['[database]', `${snake(n)}=${v}`], valueLine: 1, reference: (n) => ['[database]', `${snake(n)}=%(${snake(n)}_from_env)s`] },
  { form: 'HCL', file: 'main.tf', lines: (n, v) => ['resource "app" "prod" {', `  ${snake(n)} = "${v}"`, '}'], valueLine: 1, reference: (n) => ['resource "app" "prod" {', `  ${snake(n)} = var.${snake(n)}`, '}'] },
  { form: 'Dockerfile ENV', file: 'Dockerfile', lines: (n, v) => ['FROM node:20-alpine', `ENV ${n}=${v}`], valueLine: 1, reference: (n) => ['FROM node:20-alpine', `ARG ${n}`, `ENV ${n}=$${n}`] },
  { form: 'Dockerfile ARG', file: 'Dockerfile', lines: (n, v) => ['FROM node:20-alpine', `ARG ${n}=${v}`], valueLine: 1, reference: (n) => ['FROM node:20-alpine', `ARG ${n}`] },
  ...[':=', '?=', '::=', ':::=', '+='].map((op): AssignmentForm => ({
    form: `Makefile ${op}`, file: 'Makefile', lines: (n, v) => [`${n} ${op} ${v}`, 'deploy:', `\t./deploy.sh`], reference: (n) => [`${n} ${op} $(shell cat .${snake(n)})`],
  })),
  { form: 'Go var with type', file: 'config.go', lines: (n, v) => ['package config', `var ${camel(n)} string = "${v}"`], valueLine: 1, reference: (n) => ['package config', `var ${camel(n)} string = os.Getenv("${n}")`] },
  { form: 'Go short declaration', file: 'main.go', lines: (n, v) => ['func main() {', `\t${camel(n)} := "${v}"`, '}'], valueLine: 1, reference: (n) => ['func main() {', `\t${camel(n)} := os.Getenv("${n}")`, '}'] },
  { form: 'Go os.Setenv', file: 'setup_test.go', lines: (n, v) => [`\tos.Setenv("${n}", "${v}")`], reference: (n) => [`\tos.Setenv("${n}", os.Getenv("CI_${n}"))`] },
  { form: 'Java constant', file: 'Config.java', lines: (n, v) => [`    private static final String ${n} = "${v}";`], reference: (n) => [`    private static final String ${n} = System.getenv("${n}");`] },
  { form: 'Java System.setProperty', file: 'Boot.java', lines: (n, v) => [`        System.setProperty("${n}", "${v}");`], reference: (n) => [`        System.setProperty("${n}", System.getenv("${n}"));`] },
  { form: 'Kotlin typed val', file: 'Config.kt', lines: (n, v) => [`val ${camel(n)}: String = "${v}"`], reference: (n) => [`val ${camel(n)}: String = System.getenv("${n}")`] },
  { form: 'C# const', file: 'Settings.cs', lines: (n, v) => [`    private const string ${pascal(n)} = "${v}";`], reference: (n) => [`    private static readonly string ${pascal(n)} = Environment.GetEnvironmentVariable("${n}");`] },
  { form: 'C# dictionary entry', file: 'Startup.cs', lines: (n, v) => [`    { "${pascal(n)}", "${v}" },`], reference: (n) => [`    { "${pascal(n)}", configuration["${n}"] },`] },
  { form: 'PHP variable', file: 'config.php', lines: (n, v) => [`$${camel(n)} = '${v}';`], reference: (n) => [`$${camel(n)} = getenv('${n}');`] },
  { form: 'PHP .=', file: 'build.php', lines: (n, v) => [`$${camel(n)} = '';`, `$${camel(n)} .= '${v}';`], valueLine: 1, reference: (n) => [`$${camel(n)} = '';`, `$${camel(n)} .= getenv('${n}');`] },
  { form: 'PHP define', file: 'wp-config.php', lines: (n, v) => [`define('${n}', '${v}');`], reference: (n) => [`define('${n}', getenv('${n}'));`] },
  { form: 'PHP array', file: 'database.php', lines: (n, v) => [`    '${snake(n)}' => '${v}',`], reference: (n) => [`    '${snake(n)}' => env('${n}'),`] },
  { form: 'Python constant', file: 'settings.py', lines: (n, v) => [`${n} = "${v}"`], reference: (n) => [`${n} = os.environ["${n}"]`] },
  { form: 'Python keyword argument', file: 'db.py', lines: (n, v) => [`conn = connect(host="db.internal", ${snake(n)}="${v}")`], reference: (n) => [`conn = connect(host="db.internal", ${snake(n)}=os.getenv("${n}"))`] },
  { form: 'Python os.environ', file: 'conftest.py', lines: (n, v) => [`os.environ["${n}"] = "${v}"`], reference: (n) => [`os.environ["${n}"] = os.environ["CI_${n}"]`] },
  { form: 'Ruby ENV', file: 'env.rb', lines: (n, v) => [`ENV["${n}"] = "${v}"`], reference: (n) => [`ENV["${n}"] = ENV.fetch("CI_${n}")`] },
  { form: 'Ruby hash', file: 'config.rb', lines: (n, v) => [`  ${snake(n)}: "${v}",`], reference: (n) => [`  ${snake(n)}: ENV.fetch("${n}"),`] },
  { form: 'Ruby hash rocket', file: 'legacy.rb', lines: (n, v) => [`  :${snake(n)} => "${v}",`], reference: (n) => [`  :${snake(n)} => ENV["${n}"],`] },
  { form: 'JavaScript const', file: 'config.js', lines: (n, v) => [`const ${camel(n)} = '${v}';`], reference: (n) => [`const ${camel(n)} = process.env.${n};`] },
  { form: 'JavaScript object', file: 'client.js', lines: (n, v) => [`const client = new Client({ ${camel(n)}: "${v}" });`], reference: (n) => [`const client = new Client({ ${camel(n)}: options.${camel(n)} });`] },
  { form: 'TypeScript typed export', file: 'settings.ts', lines: (n, v) => [`export const ${n}: string = "${v}";`], reference: (n) => [`export const ${n}: string = process.env.${n} ?? "";`] },
  { form: 'Java properties', file: 'application.properties', lines: (n, v) => [`app.${dotted(n)}=${v}`], reference: (n) => [`app.${dotted(n)}=\${${n}}`] },
  { form: '.netrc', file: '.netrc', lines: (_n, v) => [`machine api.example.net login deploy password ${v}`], reference: () => ['machine api.example.net login deploy password $NETRC_PASSWORD'] },
  { form: 'CLI flag', file: 'run.sh', lines: (n, v) => [`./server --${snake(n).replace(/_/g, '-')}=${v} --port 8080`], reference: (n) => [`./server --${snake(n).replace(/_/g, '-')}="$${n}" --port 8080`] },
  { form: 'XML element', file: 'settings.xml', lines: (n, v) => ['<server>', `  <${camel(n)}>${v}</${camel(n)}>`, '</server>'], valueLine: 1, reference: (n) => ['<server>', `  <${camel(n)}>\${env.${n}}</${camel(n)}>`, '</server>'] },
  { form: 'XML element, value on its own line', file: 'settings.xml', lines: (n, v) => ['<server>', `  <${camel(n)}>`, `    ${v}`, `  </${camel(n)}>`, '</server>'], valueLine: 2, reference: (n) => ['<server>', `  <${camel(n)}>`, `    \${env.${n}}`, `  </${camel(n)}>`, '</server>'] },
  { form: 'NuGet ClearTextPassword', file: 'nuget.config', lines: (_n, v) => ['<packageSourceCredentials>', '  <feed>', '    <add key="Username" value="ci-bot" />', `    <add key="ClearTextPassword" value="${v}" />`, '  </feed>', '</packageSourceCredentials>'], valueLine: 3, reference: () => ['<packageSourceCredentials>', '  <feed>', '    <add key="ClearTextPassword" value="%NUGET_FEED_PASSWORD%" />', '  </feed>', '</packageSourceCredentials>'] },
  { form: '.NET appSettings add', file: 'web.config', lines: (n, v) => ['<appSettings>', `  <add key="${pascal(n)}" value="${v}" />`, '</appSettings>'], valueLine: 1, reference: (n) => ['<appSettings>', `  <add key="${pascal(n)}" value="#{${n}}#" />`, '</appSettings>'] },
  { form: 'curl -u', file: 'release.sh', lines: (_n, v) => [`curl -fsS -u deploy:${v} https://ci.internal/api/builds`], reference: () => ['curl -fsS -u "deploy:$DEPLOY_PASSWORD" https://ci.internal/api/builds'] },
  { form: 'curl --user', file: 'release.sh', lines: (_n, v) => [`curl --user "ci-bot:${v}" -X POST https://registry.internal/v2/token`], reference: () => ['curl --user "ci-bot:${REGISTRY_PASSWORD}" -X POST https://registry.internal/v2/token'] },
  { form: 'curl -H Authorization', file: 'api.sh', lines: (_n, v) => [`curl -H 'Authorization: token ${v}' https://forge.internal/api/v1/user`], reference: () => ['curl -H "Authorization: token $FORGE_TOKEN" https://forge.internal/api/v1/user'] },
  { form: 'curl -H X-API-Key', file: 'api.sh', lines: (_n, v) => [`curl -sS -H "X-API-Key: ${v}" https://metrics.internal/ingest`], reference: () => ['curl -sS -H "X-API-Key: ${METRICS_API_KEY}" https://metrics.internal/ingest'] },
];

/** The secret-looking names forms assign to. */
const NAMES = ['API_TOKEN', 'DB_PASSWORD', 'CLIENT_SECRET', 'SMTP_PASSWORD', 'AUTH_TOKEN', 'SECRET_KEY', 'API_KEY'];

/** Values a person or a provider puts there: a chosen password, random base62, a symbol-led password. */
const VALUES: Array<(g: SampleGenerator) => string> = [
  humanPassword,
  (g) => g.alnum(32),
  (g) => `${g.alnum(20)}${g.digits(2)}`,
  (g) => `${['!', '%', '@', '*'][g.int(0, 3)]}${humanPassword(g)}`,
];

/** What stands where the secret will go: each must stay quiet in every form. */
export const PLACEHOLDERS = ['changeme', 'your_api_token_here', 'REPLACE_ME', 'xxxxxxxxxxxxxxxx'];
/** Names in code that carry a secret word (`keyVaultToStoreSecrets`): identifiers, not values. */
export const IDENTIFIERS = ['keyVaultToStoreSecrets', 'apiTokenFromEnvironment', 'ClientSecretProvider', 'passwordResetHandler2'];

export interface Item {
  /** Class name in the report. */
  kind: string;
  path: string;
  text?: string;
  /** Binary content (keystores). */
  bytes?: Buffer;
  /** 1-based line of the planted secret; absent for a quiet twin. */
  line?: number;
}

const crcToken = (prefix: string, g: SampleGenerator): string => { const b = g.alnum(30); return `${prefix}${b}${base62(crc32(b), 6)}`; };
const uuid = (g: SampleGenerator): string => `${g.hex(8)}-${g.hex(4)}-4${g.hex(3)}-a${g.hex(3)}-${g.hex(12)}`;
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const b64json = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A provider's format: a name it is usually assigned to, a generator, and quiet twins with the structure broken. */
interface Provider { kind: string; name: string; value: (g: SampleGenerator) => string; broken?: (g: SampleGenerator) => string }

export const PROVIDERS: Provider[] = [
  { kind: 'openshift sha256~', name: 'OPENSHIFT_TOKEN', value: (g) => `sha256~${g.urlSafe(43)}` },
  { kind: 'terraform cloud atlasv1', name: 'TFC_TOKEN', value: (g) => `${g.alnum(14)}.atlasv1.${g.urlSafe(67)}` },
  { kind: 'dynatrace (lower case)', name: 'DT_API_TOKEN', value: (g) => `dt0c01.${g.chars('abcdefghijklmnopqrstuvwxyz0123456789', 24)}.${g.chars('abcdefghijklmnopqrstuvwxyz0123456789', 64)}` },
  { kind: 'dynatrace (upper case)', name: 'DT_API_TOKEN', value: (g) => `dt0c01.${g.upper(24)}.${g.upper(64)}` },
  { kind: 'discord client secret (digits)', name: 'DISCORD_CLIENT_SECRET', value: (g) => g.digits(32) },
  { kind: 'slack webhook (services)', name: 'SLACK_WEBHOOK_URL', value: (g) => `https://hooks.slack.com/services/T${g.upper(10)}/B${g.upper(10)}/${g.alnum(24)}` },
  { kind: 'slack webhook (no T/B shape)', name: 'SLACK_WEBHOOK_URL', value: (g) => `https://hooks.slack.com/services/${g.alnum(44)}` },
  { kind: 'slack workflow webhook', name: 'SLACK_WORKFLOW_URL', value: (g) => `https://hooks.slack.com/workflows/T${g.upper(10)}/A${g.upper(10)}/${g.digits(18)}/${g.alnum(24)}` },
  { kind: 'slack trigger webhook', name: 'SLACK_TRIGGER_URL', value: (g) => `https://hooks.slack.com/triggers/T${g.upper(10)}/${g.digits(13)}/${g.hex(32)}` },
  { kind: 'slack xapp (62 hex)', name: 'SLACK_APP_TOKEN', value: (g) => `xapp-1-A${g.upper(10)}-${g.digits(13)}-${g.hex(62)}` },
  { kind: 'slack xoxb legacy two-part', name: 'SLACK_BOT_TOKEN', value: (g) => `xoxb-${g.digits(12)}-${g.alnum(24)}` },
  { kind: 'slack xoxb three-part', name: 'SLACK_BOT_TOKEN', value: (g) => `xoxb-${g.digits(12)}-${g.digits(13)}-${g.alnum(24)}` },
  { kind: 'slack xoxa', name: 'SLACK_TOKEN', value: (g) => `xoxa-2-${g.alnum(20)}${g.digits(4)}` },
  { kind: 'slack xoxr', name: 'SLACK_REFRESH_TOKEN', value: (g) => `xoxr-${g.alnum(36)}${g.digits(2)}` },
  { kind: 'slack xoxe', name: 'SLACK_CONFIG_REFRESH', value: (g) => `xoxe-1-${g.alnum(146)}` },
  { kind: 'shopify shpat_ base62', name: 'SHOPIFY_TOKEN', value: (g) => `shpat_${g.alnum(32)}` },
  { kind: 'shopify shpss_ base62', name: 'SHOPIFY_SECRET', value: (g) => `shpss_${g.alnum(32)}` },
  { kind: 'shopify shpca_/shppa_', name: 'SHOPIFY_APP_TOKEN', value: (g) => `${g.int(0, 1) ? 'shpca_' : 'shppa_'}${g.alnum(32)}` },
  { kind: 'github ghs_<app>_<JWT>', name: 'GITHUB_APP_TOKEN', value: (g) => `ghs_${g.int(100000, 999999)}_${b64json({ alg: 'RS256', typ: 'JWT' })}.${b64json({ iss: g.digits(6), iat: 1700000000 + g.int(0, 1e6) })}.${g.urlSafe(43)}`, broken: (g) => `ghs_${g.int(100000, 999999)}_eyJ${g.urlSafe(30)}.eyJ${g.urlSafe(30)}.${g.urlSafe(43)}` },
  { kind: 'github ghp_ (CRC32)', name: 'GITHUB_TOKEN', value: (g) => crcToken('ghp_', g), broken: (g) => { const t = crcToken('ghp_', g); return `${t.slice(0, -1)}${t.endsWith('Z') ? 'Y' : 'Z'}`; } },
  ...['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'].map((p): Provider => ({ kind: `vercel ${p}`, name: 'VERCEL_TOKEN', value: (g) => `${p}${g.alnum(54)}${g.digits(2)}` })),
  { kind: 'sourcegraph sgp_', name: 'SRC_ACCESS_TOKEN', value: (g) => [`sgp_${g.hex(40)}`, `sgp_${g.hex(16)}_${g.hex(40)}`, `sgp_local_${g.hex(40)}`][g.int(0, 2)] },
  { kind: 'fly.io fm1r_/fm2_', name: 'FLY_API_TOKEN', value: (g) => `${g.int(0, 1) ? 'fm2_' : 'fm1r_'}${g.base64(200)}==` },
  { kind: 'vault s. (legacy)', name: 'VAULT_TOKEN', value: (g) => `s.${g.alnum(21)}K7q` },
  { kind: 'vault hvs.', name: 'VAULT_TOKEN', value: (g) => `hvs.${g.urlSafe(90)}` },
  { kind: 'vault hvb. (long)', name: 'VAULT_BATCH_TOKEN', value: (g) => `hvb.${g.urlSafe(300)}` },
  { kind: 'stripe rk_prod_', name: 'STRIPE_KEY', value: (g) => `rk_prod_${g.alnum(40)}` },
  { kind: 'adobe p8e-', name: 'ADOBE_CLIENT_SECRET', value: (g) => `p8e-${g.alnum(32)}` },
  { kind: 'aws bedrock ABSK', name: 'AWS_BEARER_TOKEN_BEDROCK', value: (g) => `ABSK${b64(`BedrockAPIKey-${g.alnum(4)}-at-${g.digits(12)}:${g.base64(60)}`)}`, broken: (g) => `ABSK${b64(`SomethingElse-${g.alnum(4)}-at-${g.digits(12)}:${g.base64(60)}`)}` },
  { kind: 'aws bedrock short-term', name: 'AWS_BEARER_TOKEN_BEDROCK', value: (g) => `bedrock-api-key-${b64(`bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Credential=ASIA${g.upper(16)}&X-Amz-Signature=${g.hex(64)}&Version=1`)}` },
  { kind: 'facebook page token', name: 'FB_PAGE_TOKEN', value: (g) => `EAAM${g.alnum(160)}` },
  { kind: 'facebook app access token', name: 'FB_APP_ACCESS_TOKEN', value: (g) => `${g.digits(15)}${g.int(0, 1) ? '|' : '%7C'}${g.urlSafe(30)}` },
  { kind: 'facebook app secret', name: 'FACEBOOK_APP_SECRET', value: (g) => g.hex(32) },
  { kind: '42 intra client secret', name: 'INTRA_CLIENT_SECRET', value: (g) => `s-s4t2ud-${g.hex(64)}` },
  { kind: '1password secret key', name: 'OP_SECRET_KEY', value: (g) => (g.int(0, 1) ? `A3-${g.upper(6)}-${g.upper(6)}-${g.upper(5)}-${g.upper(5)}-${g.upper(5)}-${g.upper(5)}` : `A3-${g.upper(6)}-${g.upper(11)}-${g.upper(5)}-${g.upper(5)}-${g.upper(5)}`) },
  { kind: 'hubspot uuid key', name: 'HUBSPOT_API_KEY', value: uuid },
  { kind: 'kucoin uuid secret', name: 'KUCOIN_API_SECRET', value: uuid },
  { kind: 'squarespace uuid key', name: 'SQUARESPACE_API_KEY', value: uuid },
  { kind: 'sentry sntrys_ (with payload)', name: 'SENTRY_AUTH_TOKEN', value: (g) => `sntrys_${b64(JSON.stringify({ iat: 1700000000 + g.int(0, 1e6), url: 'https://sentry.io', org: `shop${g.digits(3)}` })).replace(/=+$/, '')}_${g.base64(43)}`, broken: (g) => `sntrys_${g.alnum(64)}` },
  { kind: 'infracost ico-', name: 'INFRACOST_API_KEY', value: (g) => `ico-${g.alnum(30)}Ab` },
];

/** Lines that look like findings and are not: each file must stay silent. */
export const FALSE_ALARMS: Array<{ kind: string; path: string; text: (g: SampleGenerator) => string }> = [
  { kind: 'sntrys_ without payload', path: '.env', text: (g) => `SENTRY_AUTH_TOKEN=sntrys_${g.alnum(64)}` },
  { kind: 'ico-<hex> in a file name', path: 'index.html', text: (g) => `<link rel="icon" href="/static/ico-${g.hex(32)}.png">` },
  { kind: 'ico-<hex> in a path', path: 'manifest.json', text: (g) => `  "icon": "assets/app-ico-${g.hex(32)}.svg",` },
  { kind: 'identifier keyVaultToStoreSecrets', path: 'azuredeploy.json', text: () => '    "keyVaultToStoreSecrets": "kv-prod-weu-01",' },
  { kind: 'identifier keyVaultToStoreSecrets', path: 'main.bicep', text: () => "param keyVaultToStoreSecrets string = 'keyVaultToStoreSecrets2'" },
  { kind: 'Maven coordinate', path: 'build.gradle', text: () => "    implementation 'io.jsonwebtoken:jjwt-api:0.11.5'" },
  { kind: 'Maven coordinate', path: 'pom.txt', text: () => 'secretmanager: com.google.cloud:google-cloud-secretmanager' },
  { kind: 'XSD type', path: 'schema.xsd', text: () => '  <xs:element name="password" type="xs:string" minOccurs="0"/>' },
  { kind: 'XSD type', path: 'schema.yml', text: () => 'token: xs:token' },
  { kind: 'XSD type', path: 'service.wsdl', text: () => '  <xsd:element name="clientSecret" type="tns:ClientSecretType"/>' },
  { kind: 'localhost URL, password = user', path: '.env.test', text: () => 'DATABASE_URL=postgres://shopdev:shopdev@localhost:5432/shop_test' },
  { kind: 'localhost URL, password = user', path: 'docker-compose.yml', text: () => '      REDIS_URL: redis://cache:cache@127.0.0.1:6379/0' },
];

const k8sSecret = (entries: string[], kubectlOrder: boolean): string[] => {
  const data = ['data:', ...entries.map((entry) => `  ${entry}`)];
  const meta = ['metadata:', '  name: app-credentials', 'type: Opaque'];
  return kubectlOrder ? ['apiVersion: v1', ...data, 'kind: Secret', ...meta] : ['apiVersion: v1', 'kind: Secret', ...meta, ...data];
};

const bytesOf = (g: SampleGenerator, n: number): Buffer => Buffer.from(g.hex(n * 2), 'hex');
const certificateDer = (g: SampleGenerator): Buffer => Buffer.concat([Buffer.from([0x30, 0x82, 0x01, 0x90, 0x30, 0x82, 0x01, 0x38, 0xa0, 0x03, 0x02, 0x01, 0x02]), bytesOf(g, 387)]);

/** One seed's corpus: every class, `draws` times, with its quiet twins. */
export function buildCoverageCorpus(g: SampleGenerator, draws = 3): Item[] {
  const items: Item[] = [];
  const add = (kind: string, path: string, lines: string[], line?: number): void => { items.push({ kind, path, text: `${lines.join('\n')}\n`, line }); };
  let n = 0;
  const next = (): string => `s${(n += 1)}`;
  for (const form of FORMS) {
    for (let draw = 0; draw < draws; draw += 1) {
      const name = NAMES[g.int(0, NAMES.length - 1)];
      const value = VALUES[(draw + g.int(0, 3)) % VALUES.length](g);
      add(`form: ${form.form}`, `${next()}/${form.file}`, form.lines(name, value), (form.valueLine ?? 0) + 1);
    }
    const name = NAMES[g.int(0, NAMES.length - 1)];
    add(`form: ${form.form}`, `${next()}/quiet/${form.file}`, form.reference(name));
    add(`form: ${form.form}`, `${next()}/quiet/${form.file}`, form.lines(name, PLACEHOLDERS[g.int(0, PLACEHOLDERS.length - 1)]));
    add(`form: ${form.form}`, `${next()}/quiet/${form.file}`, form.lines(name, IDENTIFIERS[g.int(0, IDENTIFIERS.length - 1)]));
  }
  const providerForms = [FORMS[1], FORMS[2], FORMS[4]]; // env, YAML, JSON
  for (const provider of PROVIDERS) {
    for (let draw = 0; draw < draws; draw += 1) {
      const form = providerForms[draw % providerForms.length];
      add(`provider: ${provider.kind}`, `${next()}/${form.file}`, form.lines(provider.name, provider.value(g)), (form.valueLine ?? 0) + 1);
    }
    const sample = provider.value(g);
    add(`provider: ${provider.kind}`, `${next()}/quiet/.env`, [`${provider.name}=\${${provider.name}}`]);
    if (sample.length > 12) add(`provider: ${provider.kind}`, `${next()}/quiet/.env`, [`${provider.name}=${sample.slice(0, 8)}${'x'.repeat(sample.length - 8)}`]);
    if (provider.broken) add(`provider: ${provider.kind}`, `${next()}/quiet/.env`, [`${provider.name}=${provider.broken(g)}`]);
  }
  for (const alarm of FALSE_ALARMS) add(`false alarm: ${alarm.kind}`, `${next()}/quiet/${alarm.path}`, [alarm.text(g)]);

  // Kubernetes Secrets: every data value is decoded, then judged.
  for (let draw = 0; draw < draws; draw += 1) {
    const kubectl = draw % 2 === 0;
    const secrets = [
      `password: ${b64(humanPassword(g))}`,
      `api-token: ${b64(g.alnum(32))}`,
      `DATABASE_URL: ${b64(`postgres://shop:${g.alnum(20)}@db.internal:5432/shop`)}`,
      `github-token: ${b64(crcToken('ghp_', g))}`,
    ];
    const plain = ['username: ' + b64('shop'), 'region: ' + b64('eu-central-1')];
    const lines = k8sSecret([...plain, ...secrets], kubectl);
    const first = lines.findIndex((l) => l.includes('password: '));
    // One manifest, four planted lines.
    const path = `${next()}/k8s/secret.yaml`;
    for (let i = 0; i < secrets.length; i += 1) items.push({ kind: 'kubernetes Secret data', path, text: `${lines.join('\n')}\n`, line: first + i + 1 });
  }
  add('kubernetes Secret data', `${next()}/quiet/secret.yaml`, k8sSecret([`username: ${b64('shop')}`, `password: ${b64('changeme')}`, `token: ${b64('${TOKEN}')}`], false));
  add('kubernetes Secret data', `${next()}/quiet/configmap.yaml`, ['apiVersion: v1', 'kind: ConfigMap', 'data:', `  password-policy: ${b64('minLength=12')}`, `  token-ttl: ${b64('3600')}`]);

  // PKCS#12: base64 in a text file, and the binary file itself (any name).
  for (let draw = 0; draw < draws; draw += 1) {
    add('pkcs12 keystore (base64)', `${next()}/values.yaml`, ['tls:', `  keystore: ${samplePkcs12(bytesOf(g, 600 + draw * 300)).toString('base64')}`], 2);
    items.push({ kind: 'pkcs12 keystore (binary)', path: `${next()}/${['keystore.p12', 'client.pfx', 'signing.keystore', 'blob'][draw % 4]}`, bytes: samplePkcs12(bytesOf(g, 900)), line: 1 });
  }
  add('pkcs12 keystore (base64)', `${next()}/quiet/values.yaml`, ['tls:', `  certificate: ${certificateDer(g).toString('base64')}`]);
  items.push({ kind: 'pkcs12 keystore (binary)', path: `${next()}/quiet/server.der`, bytes: certificateDer(g) });
  items.push({ kind: 'pkcs12 keystore (binary)', path: `${next()}/quiet/not-a-keystore.p12`, bytes: samplePkcs12(bytesOf(g, 900), 2) });
  items.push({ kind: 'pkcs12 keystore (binary)', path: `${next()}/quiet/random.p12`, bytes: bytesOf(g, 1200) });
  return items;
}
