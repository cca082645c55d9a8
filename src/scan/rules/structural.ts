// Secrets recognised by their structure or their surroundings rather than a
// provider prefix: key blocks, JWTs, credentials in URLs and headers, and the
// generic "secret-looking name = high-entropy value".
import { decodeBase64, isJsonSegment, shannonEntropy } from '../encoding.js';
import type { SampleGenerator } from '../samples.js';
import type { Rule } from '../types.js';
import { holdsWrittenWord, looksLikeGenericPlaceholder } from '../allowlist.js';
import { TYPE_ANNOTATION } from './shapes.js';

const pemBody = (g: SampleGenerator, lines: number): string =>
  Array.from({ length: lines }, () => g.base64(64)).join('\n');

const jwt = (g: SampleGenerator): string => {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ sub: g.digits(8), role: 'service_role', iat: 1700000000 + g.int(0, 1e6) })).toString('base64url');
  return `${header}.${payload}.${g.urlSafe(43)}`;
};

const discordBotToken = (g: SampleGenerator): string =>
  `${Buffer.from(`1${g.digits(17)}`).toString('base64').replace(/=+$/, '')}.${g.urlSafe(6)}.${g.urlSafe(38)}`;

/** A strong-looking password a person might pick: letters, digits and a symbol. */
export const humanPassword = (g: SampleGenerator): string => `${g.chars('ABCDEFGHJKLMNPQRSTUVWXYZ', 1)}${g.chars('abcdefghijkmnopqrstuvwxyz', 5)}${g.digits(3)}${g.chars('!#%&*+-?@^', 1)}${g.alnum(4)}`;

const GENERIC_NAMES = 'passw(?:or)?d|pass(?![a-z])|passphrase|pwd|secret|token|api[_.-]?key|apikey|access[_.-]?key|auth[_.-]?(?:key|token)|private[_.-]?key|client[_.-]?secret|credentials?|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|smtp[_.-]?pass';
const GENERIC_NAME_WORDS = new RegExp(GENERIC_NAMES, 'gi');

/** Names that carry secret-looking words but hold no secret (`token_url`, `public_key`). */
const NOT_SECRET_NAME = /public|hash|digest|sha\d*|checksum|fingerprint|integrity|_?(?:url|uri|path|file|dir|name|type|endpoint|length|len|count|ttl|expir\w*|timeout|id|field|prompt|label|header|format|policy|mode|version|len|size|limit|regex|pattern)$|^(?:no|min|max|use|has|is|show|reset|forgot|new|confirm)_|_(?:enabled|required|rules?|hint|placeholder|reset)$|token(?:izer|ize|s_?used|_?count)|next_?token|page_?token|csrf|xsrf|[a-z_](?:secrets|tokens|passwords)$/i;

const GENERIC_VALUE_CLASS = "[^\\s\"'`;,<>(){}\\[\\]]";
/** Symbols a chosen password may open with, which YAML, shells and code also use as operators. */
const SYMBOL_LEADS = ['!', '*', '$', '%', '@', '|', '>', '&', '#'];

/** A comma after a quoted first argument (`setProperty("API_TOKEN", …`, `{ "Password", …`): never after bare words or in a list. */
// The comma is matched first, so the look-behind runs only where a comma stands.
const CALL_COMMA = `,(?<=[({]\\s{0,4}["'][A-Za-z0-9_.-]{1,125}["']\\s{0,16},)`;

/**
 * What may stand between a name and its value, across the file types users have:
 * `=` (shell, env, INI, TOML, HCL, Python, JS), `:` (YAML, JSON, Ruby hashes),
 * `:=` `::=` `:::=` `?=` `+=` (Go, Makefile), `.=` (PHP), `=>` (PHP, Ruby), a space
 * (Dockerfile `ENV`, `.netrc`, CLI flags) and `,` between two quoted arguments
 * (`System.setProperty("API_TOKEN", "…")`, `os.Setenv(…)`, PHP `define(…)`).
 */
const ASSIGNMENT_OPERATOR = `\\s{0,16}(?::{1,3}=|[?+.]=|=>|=|:|${CALL_COMMA}|\\s)\\s{0,16}`;

/** Named groups of a generic match: the name, its closing quote, the operator and the value's quote. */
interface AssignmentParts { name?: string; nq?: string; sep?: string; q?: string }

/**
 * Whether the operator and quotes make an assignment: a comma pairs a quoted
 * name with a quoted value (a call's two arguments), never bare words (`a, b`);
 * a name ending a sentence (`… from a secret. Gitea/Forgejo: …`) is prose when
 * only a space follows it.
 */
function isAssignment({ name = '', nq = '', sep = '', q = '' }: AssignmentParts): boolean {
  if (/^\s+$/.test(sep) && /\.$/.test(name)) return false;
  if (sep.includes(',')) return /["']/.test(nq) && q !== '';
  return true;
}

export const structuralRules: Rule[] = [
  {
    id: 'private-key',
    title: 'Private key block',
    keywords: ['private key'],
    multiline: true,
    pattern: /-----BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----(?<secret>[\s\S]{32,12000}?)-----END[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----/,
    validate: (body) => {
      const compact = body.replace(/\\n|\\r|\s|"|,|\+$/g, '').replace(/^(?:Proc-Type|DEK-Info|Comment):.*$/gm, '');
      return compact.length >= 64 && /^[A-Za-z0-9+/=:.,-]+$/.test(compact.slice(-64)) && !/\.\.\.|<|example/i.test(body);
    },
    samples: {
      match: [
        (g) => `-----BEGIN RSA PRIVATE KEY-----\n${pemBody(g, 8)}\n-----END RSA PRIVATE KEY-----`,
        (g) => `"private_key": "-----BEGIN PRIVATE KEY-----\\n${g.base64(64)}\\n${g.base64(64)}\\n-----END PRIVATE KEY-----\\n",`,
      ],
      quiet: [
        '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
        '-----BEGIN OPENSSH PRIVATE KEY-----\n<your key here>\n-----END OPENSSH PRIVATE KEY-----',
      ],
    },
  },
  {
    id: 'putty-private-key',
    title: 'PuTTY private key',
    keywords: ['putty-user-key-file'],
    multiline: true,
    pattern: /PuTTY-User-Key-File-\d: [a-z0-9-]{1,40}[\s\S]{0,2000}?Private-Lines: \d{1,4}\r?\n(?<secret>[A-Za-z0-9+/=\r\n]{64,8000})/,
    samples: {
      match: [(g) => `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n${g.base64(64)}\n${g.base64(20)}\nPrivate-Lines: 1\n${g.base64(64)}\nPrivate-MAC: ${g.hex(64)}`],
      quiet: ['PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\n<redacted>'],
    },
  },
  {
    id: 'jwt',
    title: 'JSON Web Token',
    keywords: ['eyj'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{10,2000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{20,1000})/,
    validate: (token) => {
      const [header, payload] = token.split('.');
      return isJsonSegment(header, 'alg') && isJsonSegment(payload);
    },
    samples: {
      match: [(g) => `SUPABASE_SERVICE_ROLE_KEY=${jwt(g)}`],
      quiet: ['token: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.<signature>', `const header = "eyJ0eXAiOiJKV1QifQ.eyJub3Rqc29u.${'a'.repeat(30)}";`],
    },
  },
  {
    id: 'discord-bot-token',
    title: 'Discord bot token',
    keywords: ['discord', 'bot '],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>[MNO][A-Za-z0-9]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_-])/,
    validate: (token) => /^\d{17,20}$/.test(decodeBase64(token.split('.')[0]) ?? ''),
    samples: {
      match: [(g) => `DISCORD_TOKEN="${discordBotToken(g)}"`],
      quiet: ['DISCORD_TOKEN="your-discord-bot-token"'],
    },
  },
  {
    id: 'url-credentials',
    minified: false,
    title: 'Password in a connection string or URL',
    keywords: ['://'],
    pattern: /(?<![A-Za-z0-9+.-])[a-z][a-z0-9+.-]{1,30}:\/\/(?<user>[^\s:@/'"`]{1,100}):(?<secret>[^\s@/'"`]{3,200})@[A-Za-z0-9_.-]{1,253}/i,
    // A password equal to the user name (`app:app@localhost`) is a local default, not a secret.
    validate: (password, match) => password.toLowerCase() !== match.groups?.user?.toLowerCase() && !looksLikeGenericPlaceholder(password) && !/^(?:pass(?:word)?|pwd|secret|x+|\*+|user|admin|root|postgres|guest|test)$/i.test(password) && !/^[$%{<]/.test(password),
    samples: {
      match: [
        (g) => `DATABASE_URL=postgres://app:${g.alnum(20)}@db.internal:5432/app`,
        (g) => `redis_url: "rediss://default:${g.alnum(24)}@cache.example.net:6380"`,
      ],
      quiet: ['DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app', 'url: postgres://user:password@localhost/db', 'https://user:<password>@git.example.com', 'DATABASE_URL=postgres://shopdev:shopdev@localhost:5432/shop_test'],
    },
  },
  {
    id: 'connection-string-password',
    minified: false,
    title: 'Password in an ADO.NET / JDBC connection string',
    keywords: ['password=', 'pwd='],
    // `Server=…;…Password=…` or a JDBC URL: the keys, not a word (`./server --db-password=…` is a CLI flag).
    pattern: /(?:(?:server|host|data source|address|addr)\s{0,4}=|jdbc:[a-z]{1,20}:)[^\n]{0,200}?(?:password|pwd)=(?<secret>[^;\s'"&]{6,100})/i,
    validate: (password) => !looksLikeGenericPlaceholder(password) && !/^[$%{<]/.test(password) && !/[()]/.test(password) && !looksLikeIdentifier(password),
    samples: {
      match: [(g) => `"Db": "Server=sql.internal;Database=app;User Id=app;Password=${g.alnum(12)}#${g.digits(2)};"`],
      quiet: ['"Db": "Server=sql.internal;Database=app;User Id=app;Password=$(DB_PASSWORD);"'],
    },
  },
  {
    id: 'basic-auth-header',
    title: 'HTTP basic authorization credentials',
    keywords: ['basic '],
    pattern: /authorization["']?\s{0,16}[:=]\s{0,16}["']?basic\s{1,16}(?<secret>[A-Za-z0-9+/]{8,1000}={0,2})/i,
    validate: (value) => {
      const decoded = decodeBase64(value) ?? '';
      const [, password = ''] = decoded.split(':');
      return /^[\x20-\x7e]+:[\x20-\x7e]{6,}$/.test(decoded) && !looksLikeGenericPlaceholder(password);
    },
    samples: {
      match: [(g) => `curl -H "Authorization: Basic ${Buffer.from(`deploy:${g.alnum(16)}`).toString('base64')}" https://ci.internal/api`],
      quiet: ['curl -H "Authorization: Basic $CREDENTIALS" https://ci.internal/api'],
    },
  },
  {
    id: 'bearer-token',
    minified: false,
    title: 'Bearer token in an authorization header',
    keywords: ['bearer '],
    pattern: /authorization["']?\s{0,16}[:=]\s{0,16}["']?bearer\s{1,16}(?<secret>[A-Za-z0-9_.~+/-]{20,4000}={0,2})/i,
    minEntropy: 3.5,
    validate: (token) => !looksLikeGenericPlaceholder(token) && /[A-Za-z]/.test(token) && (/[0-9]/.test(token) || lettersOnlyToken(token)),
    samples: {
      match: [(g) => `-H 'Authorization: Bearer ${g.alnum(40)}'`, (g) => `-H 'Authorization: Bearer ${g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 40)}'`],
      quiet: ['-H "Authorization: Bearer ${TOKEN}"', "-H 'Authorization: Bearer your_access_token_here'", "headers: { authorization: 'Bearer accessTokenFromTheLoginStep' }"],
    },
  },
  {
    id: 'docker-config-auth',
    title: 'Registry credentials in a Docker config.json',
    keywords: ['"auth"'],
    pattern: /"auth"\s{0,16}:\s{0,16}"(?<secret>[A-Za-z0-9+/]{8,1000}={0,2})"/,
    validate: (value) => /^[\x20-\x7e]+:[\x20-\x7e]{6,}$/.test(decodeBase64(value) ?? ''),
    samples: {
      match: [(g) => `{"auths": {"registry.example.net": {"auth": "${Buffer.from(`ci:${g.alnum(20)}`).toString('base64')}"}}}`],
      quiet: ['{"auths": {"registry.example.net": {"auth": ""}}}'],
    },
  },
  {
    id: 'npmrc-auth-token',
    minified: false,
    title: 'Registry token in .npmrc',
    keywords: ['_authtoken', '_auth=', '_password='],
    pattern: /(?<![A-Za-z0-9])(?:_authToken|_auth|_password)\s{0,16}=\s{0,16}["']?(?<secret>[A-Za-z0-9+/_.=-]{16,2000})/,
    minEntropy: 3.2,
    validate: (value) => !looksLikeGenericPlaceholder(value),
    samples: {
      match: [(g) => `//npm.pkg.example.net/:_authToken=${g.urlSafe(36)}`],
      quiet: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}'],
    },
  },
  {
    id: 'azure-sas-token',
    title: 'Azure shared access signature',
    keywords: ['sig='],
    pattern: /[?&]sv=\d{4}-\d\d-\d\d[^\s"']{0,1000}?&sig=(?<secret>[A-Za-z0-9%+/]{40,400}(?:%3D|=){0,2})/i,
    samples: {
      match: [(g) => `BACKUP_URL="https://backups.blob.core.windows.net/db?sv=2022-11-02&ss=b&srt=co&sp=rwl&se=2030-01-01T00:00:00Z&sig=${g.alnum(43)}%3D"`],
      quiet: ['BACKUP_URL="https://backups.blob.core.windows.net/db?sv=2022-11-02&sig=<sas-signature>"'],
    },
  },
  {
    id: 'generic-secret',
    title: 'High-entropy value assigned to a secret-looking name',
    generic: true,
    // Names are written with `_`, `-`, `.` or nothing between their words (`api_key`, `api-key`, `app.api.key`, `apiKey`).
    keywords: ['pass', 'pwd', 'secret', 'token', 'credential', ...['api', 'access', 'auth', 'private', 'signing', 'encryption', 'master'].flatMap((word) => ['_', '-', '.', ''].map((join) => `${word}${join}key`))],
    // Every quantifier is bounded (the name to 60 characters each side of its word), so a
    // start position costs a constant however long the line: `tokentoken…` stays linear.
    // Not after `${`: `${TOKEN:?message}` and `${TOKEN:-x}` are shell expansions, not assignments.
    pattern: new RegExp(
      `(?<![A-Za-z0-9_.-]|\\$\\{)(?<name>[A-Za-z0-9_.-]{0,60}?(?:${GENERIC_NAMES})[A-Za-z0-9_.-]{0,60})(?<nq>["'\\]]{0,2})${TYPE_ANNOTATION}(?<sep>${ASSIGNMENT_OPERATOR})(?<q>["'\`]?)(?<secret>>?${GENERIC_VALUE_CLASS}{8,200})\\k<q>(?=[\\s"'\`;,)}\\]]|$)`,
      'i',
    ),
    // A name that ends a sentence (`… from a secret. Gitea/Forgejo: …`) is prose when only a space follows it.
    validate: (value, match) => isAssignment(match.groups ?? {})
      && isStrongGenericValue(value, { quoted: Boolean(match.groups?.q), separator: match.groups?.sep, name: match.groups?.name }),
    samples: {
      match: [
        (g) => `SMTP_PASSWORD=${humanPassword(g)}`,
        (g) => `db_password: "${humanPassword(g)}"`,
        (g) => `  "apiKey": "${g.alnum(32)}",`,
        (g) => `export APP_SECRET='${g.base64(40)}'`,
        // Typed constants: TypeScript, Kotlin, Swift, Go.
        (g) => `export const DB_PASSWORD: string = "${humanPassword(g)}";`,
        (g) => `  private readonly apiToken: string = '${g.alnum(32)}';`,
        (g) => `val dbPassword: String = "${humanPassword(g)}"`,
        (g) => `var smtpPassword string = "${humanPassword(g)}"`,
        (g) => `PAYMENTS_GATEWAY_PRODUCTION_EU_WEST_PRIMARY_DATABASE_PASSWORD=${humanPassword(g)}`,
        // Passwords that open with a symbol, quoted and (where the syntax allows) not.
        ...SYMBOL_LEADS.map((lead) => (g: SampleGenerator) => `DB_PASSWORD="${lead}${humanPassword(g)}"`),
        ...SYMBOL_LEADS.map((lead) => (g: SampleGenerator) => `db_password: '${lead}${humanPassword(g)}'`),
        ...['!', '*', '$', '%', '@', '#'].map((lead) => (g: SampleGenerator) => `DB_PASSWORD=${lead}${humanPassword(g)}`),
      ],
      quiet: [
        "description: 'Registry password or token, from a secret. Gitea/Forgejo: a personal access token with package scope.'",
        'password: ${{ secrets.DB_PASSWORD }}',
        'const token = process.env.GITHUB_TOKEN;',
        'DB_PASSWORD=changeme',
        'api_key = "your_api_key_here"',
        'password = os.environ["DB_PASSWORD"]',
        'token_url = "https://auth.example.net/oauth/token"',
        'const passwordField = form.querySelector("#password");',
        'secret: !vault |',
        'password: <PASSWORD>',
        'TOKEN_TTL=3600',
        'public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq9wYk1sN0nX2Vb4d1c7e5f3a9b8c6d4e2f0a1b3c5d7e9"',
        // Shell parameter expansions, every form.
        'GITHUB_TOKEN=${GITHUB_TOKEN:?set GITHUB_TOKEN first}',
        'GITHUB_TOKEN=${GITHUB_TOKEN:?message}',
        'export DEPLOY_TOKEN="${DEPLOY_TOKEN:-fallbackvalue1}"',
        'API_TOKEN=${API_TOKEN}',
        'API_TOKEN=$API_TOKEN_FROM_VAULT',
        'password="$DB_PASSWORD_VALUE"',
        'SMTP_PASSWORD=${SMTP_PASSWORD:=defaultvalue9}',
        // Member copies and expressions (minified and hand-written code alike).
        'o.apiKey=n.apiKey||"";',
        'e.accessToken=t.accessToken??null,e.secret=t.secret||e.secret;',
        'r.token=i?i.token:a.token;',
        'const password = isAdmin?adminPassword:userPassword;',
        'this.apiKey = !options.apiKey;',
        // YAML indicators and code operators before an identifier.
        'password: *default_password',
        'password: &db_password hunter2isnotit',
        'secret: !Ref DatabaseSecretArn',
        'token: # set in the environment',
        'token = &secretBuffer;',
        'password: @Value',
        // An account SID names the account, like an AWS account id: an identifier, not a credential.
        (g) => `TWILIO_ACCOUNT_SID=AC${g.hex(32)}`,
        (g) => `twilio: { accountSid: "AC${g.hex(32)}" }`,
      ],
    },
  },
  {
    id: 'terraform-variable-default',
    title: 'Default value of a secret-looking Terraform variable',
    generic: true,
    multiline: true,
    reportSecretLine: true,
    minified: false,
    keywords: ['variable "'],
    // The value's own line says only `default`; the name is on the block's first line.
    pattern: /(?<![A-Za-z0-9_])variable\s{1,8}"(?<name>[A-Za-z0-9_-]{1,80})"\s{0,8}\{[^{}]{0,600}?\bdefault\s{0,16}=\s{0,16}"(?<secret>[^"\s]{8,200})"/,
    validate: (value) => isStrongGenericValue(value, { quoted: true }),
    samples: {
      match: [
        (g) => `variable "db_password" {\n  type      = string\n  sensitive = true\n  default   = "${humanPassword(g)}"\n}`,
        (g) => `variable "api_token" { default = "${g.alnum(32)}" }`,
      ],
      quiet: [
        'variable "db_password" {\n  type      = string\n  sensitive = true\n}',
        'variable "db_password" {\n  default = "changeme"\n}',
        'variable "region" {\n  default = "eu-central-1a"\n}',
        'variable "db_password_length" {\n  default = "32"\n}',
        'variable "token" {\n  default = "${var.fallback_token}"\n}',
      ],
    },
  },
];

/** A file path (`/etc/app/key.pem`, `./secrets`), not a base64 value that starts with a slash. */
function looksLikePath(value: string): boolean {
  if (/^[A-Za-z]:\\/.test(value)) return true;
  if (!/^(?:\.{0,2}|~)\/[A-Za-z0-9_./-]*$/.test(value)) return false;
  // Path segments are words (lower, Capitalised or UPPER); random base64 segments are not.
  return value.replace(/^~/, '').split('/').every((segment) => /^(?:[a-z0-9_.-]*|[A-Z][a-z0-9_.-]*|[A-Z0-9_.-]*)$/.test(segment));
}

/**
 * A bearer token of letters only: an identifier (`accessTokenFromTheLoginStep`)
 * is camelCase with about one capital in seven and entropy near 4; a random
 * token is cased at random or has higher entropy still.
 */
function lettersOnlyToken(token: string): boolean {
  const entropy = shannonEntropy(token);
  return entropy >= 4.3 || (entropy >= 3.9 && looksRandomlyCased(token));
}

/** Letters only, but cased like random text rather than camelCase words. */
function looksRandomlyCased(value: string): boolean {
  const letters = value.replace(/[^A-Za-z]/g, '');
  const upper = letters.replace(/[^A-Z]/g, '').length;
  return value.length >= 20 && upper / letters.length > 0.25 && upper / letters.length < 0.75;
}

/** The generic rule's name must not be a known non-secret name; checked with the match. */
export function isSecretName(name: string): boolean {
  const bare = name.replace(/["'\]]+$/, '');
  if (NOT_SECRET_NAME.test(bare)) return false;
  // `dbPassword`, `DB_PASSWORD`: the word is written as a word. In `q1/8IzUOnvpWdd3`
  // (a run of base64 before a space) `pWd` is chance, not a name.
  return holdsWrittenWord(bare, GENERIC_NAME_WORDS);
}

/** `${VAR}`, `$(cmd)`, `$VAR`, `%VAR%`, `{{ var }}`, `@annotation`: a reference, never a value. */
function isReferenceValue(value: string): boolean {
  // Also `env:NAME` (TOML/HCL tools) and `#{NAME}#` (Octopus / Azure DevOps token replacement).
  return /^\{\{|\$\{|\$\(|^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_][A-Za-z0-9_]*%$|^@[A-Za-z_][A-Za-z_.]*@?$|^env:[A-Za-z_][A-Za-z0-9_]*$|^#\{[A-Za-z_][A-Za-z0-9_.]*\}#?$/.test(value);
}

const IDENT = '[A-Za-z_$][A-Za-z_$]{0,40}\\d{0,3}';
const OPERAND = `(?:${IDENT}(?:\\??\\.${IDENT}|\\[\\d{1,4}\\])*|\\d{1,10}|)`;
/** `n.apiKey||`, `t.secret??null`, `i?i.token:a.token`, `!options.key`, `info?.password`: code, not a value. */
const EXPRESSION = new RegExp(`^!{0,2}${OPERAND}(?:(?:\\|\\||\\?\\?|&&|\\?|:|===?|!==?)!{0,2}${OPERAND}){0,20}$`);

/** A member copy or an expression of identifiers: `||`, `??`, `&&`, a ternary, a negation. */
export function isExpressionValue(value: string): boolean {
  if (!EXPRESSION.test(value)) return false;
  // `Abc?def:123` could be a password; code has an operator of its own or a member access.
  return /\|\||\?\?|&&|[A-Za-z_$]\??\.[A-Za-z_$]/.test(value) || /^[A-Za-z]+\?[A-Za-z]+:[A-Za-z]+$/.test(value);
}

export interface ValueContext {
  /** The value was quoted: YAML indicators and shell comments do not apply inside quotes. */
  quoted?: boolean;
  /** What stood between the name and the value (`: `, ` = `, `=`). */
  separator?: string;
  /** The name the value is assigned to: a UUID is a secret only where the name says so. */
  name?: string;
}

/** Names under which a UUID-shaped value is a credential (HubSpot, KuCoin, Squarespace keys), not an id. */
const UUID_SECRET_NAME = /secret|passw|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key|auth[_.-]?token|access[_.-]?token/i;

/**
 * A name written in code rather than a value: words run together
 * (`keyVaultToStoreSecrets`, `SecretTokenType`, `clientSecret2`), a qualified
 * name (`xs:token`, `tns:ClientSecretType`), a Maven/Gradle coordinate
 * (`jjwt-api:0.11.5`, `com.google.cloud:google-cloud-secretmanager`) or a
 * resource slug (`kv-prod-weu-01`). Random text has digits and capitals
 * scattered through it, which none of these shapes allow.
 */
export function looksLikeIdentifier(value: string): boolean {
  const words = /^(?:[a-z]{2,24}|[A-Z][a-z]{1,24})(?:[A-Z][a-z]{1,24}){1,8}\d{0,3}$/;
  if (words.test(value)) return true;
  const qualified = /^([A-Za-z][A-Za-z0-9]{0,15}):([A-Za-z_][A-Za-z0-9_]{0,80})$/.exec(value);
  if (qualified && (/^[a-z]{2,40}$/.test(qualified[2]) || words.test(qualified[2]) || /^[A-Z][a-z]{1,40}$/.test(qualified[2]))) return true;
  if (/^(?:[a-z][a-z0-9_.-]{0,80}:){1,2}\d{1,4}(?:\.[0-9A-Za-z_+-]{1,20}){0,4}$/.test(value)) return true;
  if (/^[a-z][a-z0-9_-]{0,60}\.[a-z0-9_.-]{1,80}:[a-z][a-z0-9_.-]{0,80}$/.test(value)) return true;
  return /^[a-z]{1,15}(?:-(?:[a-z]{1,15}|\d{1,4})){1,8}$/.test(value);
}

/**
 * A value that is neither a reference (`$VAR`, `process.env.X`), an expression,
 * an identifier, a path, a URL nor a placeholder, and mixes character classes
 * like a real secret. A leading symbol (`!Kx9…`, `#Rt4…`) is a password's
 * choice unless the syntax makes it something else: unquoted after a YAML `:`
 * it is a tag, anchor, alias, block scalar or comment; after a space, `#` opens
 * a comment; before a bare identifier it is an operator (`!flag`, `*ptr`, `&ref`).
 */
export function isStrongGenericValue(value: string, context: ValueContext = {}): boolean {
  if (isReferenceValue(value) || isExpressionValue(value)) return false;
  const lead = /^[!&*|>#%@$]+/.exec(value)?.[0] ?? '';
  if (lead) {
    const separator = context.separator ?? '';
    if (!context.quoted && separator.includes(':') && !separator.includes('=')) return false;
    if (!context.quoted && lead.startsWith('#') && /\s$/.test(separator)) return false;
    const rest = value.slice(lead.length);
    if (/^[A-Za-z_][A-Za-z_]*\d{0,2}$/.test(rest) || /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(rest)) return false;
  }
  if (/process\.env|os\.environ|getenv|environ|secrets\.|env\(|\bvault\b|\.get\(|^ref\+|^arn:/i.test(value)) return false;
  if (/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(value)) return false; // this.token, config.apiKey
  if (/^\d{0,4}-?[a-z]{3,}(?:-[a-z]+)*[:.,;!?]?$/.test(value)) return false; // prose: `token structure:`, `tokens: 4-character`
  if (/^[A-Z][A-Z0-9_]+$/.test(value) && value.includes('_')) return false; // an env var name
  if (looksLikePath(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return false;
  if (/^(?:true|false|null|none|nil|undefined|required|optional)$/i.test(value)) return false;
  if (/^\d+(?:\.\d+)?[a-z]{0,2}$/i.test(value)) return false;
  // A UUID is an identifier, unless the name says it is a secret.
  if (/^[a-f0-9-]{36}$/i.test(value) && /^[a-f0-9]{8}-/i.test(value) && !UUID_SECRET_NAME.test(context.name ?? '')) return false;
  if (looksLikeIdentifier(value)) return false;
  if (/^(?:sha\d+|md5|sha512-|sha256-|sha384-)[:-]?/i.test(value)) return false;
  // `<…>` marks a placeholder; a password may still open with `>`.
  if (looksLikeGenericPlaceholder(value.replace(/^>/, ''))) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9_.-]/].filter((re) => re.test(value)).length;
  if (classes < 2) return false;
  if (!/[0-9]|[^A-Za-z0-9_.-]/.test(value) && !looksRandomlyCased(value)) return false;
  // A plain hex run is a digest unless it is long enough to be a key and the name says so.
  return shannonEntropy(value) >= (value.length >= 20 ? 3.2 : 2.7);
}
