// Secrets recognised by their structure or their surroundings rather than a
// provider prefix: key blocks, JWTs, credentials in URLs and headers, and the
// generic "secret-looking name = high-entropy value".
import { decodeBase64, isJsonSegment, shannonEntropy } from '../encoding.js';
import type { SampleGenerator } from '../samples.js';
import type { Rule } from '../types.js';
import { holdsWrittenWord, looksLikeGenericPlaceholder } from '../allowlist.js';

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
const NOT_SECRET_NAME = /public|hash|digest|sha\d*|checksum|fingerprint|integrity|_?(?:url|uri|path|file|dir|name|type|endpoint|length|len|count|ttl|expir\w*|timeout|id|field|prompt|label|header|format|policy|mode|version|len|size|limit|regex|pattern)$|^(?:no|min|max|use|has|is|show|reset|forgot|new|confirm)_|_(?:enabled|required|rules?|hint|placeholder|reset)$|token(?:izer|ize|s_?used|_?count)|next_?token|page_?token|csrf|xsrf/i;

const GENERIC_VALUE_CLASS = "[^\\s\"'`;,<>(){}\\[\\]]";

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
    pattern: /PuTTY-User-Key-File-\d: [a-z0-9-]+[\s\S]{0,2000}?Private-Lines: \d+\r?\n(?<secret>[A-Za-z0-9+/=\r\n]{64,})/,
    samples: {
      match: [(g) => `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n${g.base64(64)}\n${g.base64(20)}\nPrivate-Lines: 1\n${g.base64(64)}\nPrivate-MAC: ${g.hex(64)}`],
      quiet: ['PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\n<redacted>'],
    },
  },
  {
    id: 'jwt',
    title: 'JSON Web Token',
    keywords: ['eyj'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,})/,
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
    title: 'Password in a connection string or URL',
    keywords: ['://'],
    pattern: /(?<![A-Za-z0-9+.-])[a-z][a-z0-9+.-]{1,30}:\/\/[^\s:@/'"`]{1,100}:(?<secret>[^\s@/'"`]{3,200})@[A-Za-z0-9_.-]+/i,
    validate: (password) => !looksLikeGenericPlaceholder(password) && !/^(?:pass(?:word)?|pwd|secret|x+|\*+|user|admin|root|postgres|guest|test)$/i.test(password) && !/^[$%{<]/.test(password),
    samples: {
      match: [
        (g) => `DATABASE_URL=postgres://app:${g.alnum(20)}@db.internal:5432/app`,
        (g) => `redis_url: "rediss://default:${g.alnum(24)}@cache.example.net:6380"`,
      ],
      quiet: ['DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app', 'url: postgres://user:password@localhost/db', 'https://user:<password>@git.example.com'],
    },
  },
  {
    id: 'connection-string-password',
    title: 'Password in an ADO.NET / JDBC connection string',
    keywords: ['password=', 'pwd='],
    pattern: /(?:server|host|data source|jdbc:[a-z]+:)[^\n]{0,200}?(?:password|pwd)=(?<secret>[^;\s'"&]{6,100})/i,
    validate: (password) => !looksLikeGenericPlaceholder(password) && !/^[$%{<]/.test(password),
    samples: {
      match: [(g) => `"Db": "Server=sql.internal;Database=app;User Id=app;Password=${g.alnum(12)}#${g.digits(2)};"`],
      quiet: ['"Db": "Server=sql.internal;Database=app;User Id=app;Password=$(DB_PASSWORD);"'],
    },
  },
  {
    id: 'basic-auth-header',
    title: 'HTTP basic authorization credentials',
    keywords: ['basic '],
    pattern: /authorization["']?\s*[:=]\s*["']?basic\s+(?<secret>[A-Za-z0-9+/]{8,}={0,2})/i,
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
    title: 'Bearer token in an authorization header',
    keywords: ['bearer '],
    pattern: /authorization["']?\s*[:=]\s*["']?bearer\s+(?<secret>[A-Za-z0-9_.~+/-]{20,}=*)/i,
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
    pattern: /"auth"\s*:\s*"(?<secret>[A-Za-z0-9+/]{8,}={0,2})"/,
    validate: (value) => /^[\x20-\x7e]+:[\x20-\x7e]{6,}$/.test(decodeBase64(value) ?? ''),
    samples: {
      match: [(g) => `{"auths": {"registry.example.net": {"auth": "${Buffer.from(`ci:${g.alnum(20)}`).toString('base64')}"}}}`],
      quiet: ['{"auths": {"registry.example.net": {"auth": ""}}}'],
    },
  },
  {
    id: 'npmrc-auth-token',
    title: 'Registry token in .npmrc',
    keywords: ['_authtoken', '_auth=', '_password='],
    pattern: /(?:_authToken|_auth|_password)\s*=\s*["']?(?<secret>[A-Za-z0-9+/_.=-]{16,})/,
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
    pattern: /[?&]sv=\d{4}-\d\d-\d\d[^\s"']*?&sig=(?<secret>[A-Za-z0-9%+/]{40,}(?:%3D|=)*)/i,
    samples: {
      match: [(g) => `BACKUP_URL="https://backups.blob.core.windows.net/db?sv=2022-11-02&ss=b&srt=co&sp=rwl&se=2030-01-01T00:00:00Z&sig=${g.alnum(43)}%3D"`],
      quiet: ['BACKUP_URL="https://backups.blob.core.windows.net/db?sv=2022-11-02&sig=<sas-signature>"'],
    },
  },
  {
    id: 'generic-secret',
    title: 'High-entropy value assigned to a secret-looking name',
    generic: true,
    keywords: ['pass', 'pwd', 'secret', 'token', 'api_key', 'apikey', 'api-key', 'access_key', 'accesskey', 'auth_key', 'private_key', 'privatekey', 'credential', 'signing_key', 'encryption_key', 'master_key'],
    pattern: new RegExp(
      `(?<![A-Za-z0-9_.-])(?<name>[A-Za-z0-9_.-]*?(?:${GENERIC_NAMES})[A-Za-z0-9_.-]*)["'\\]]?\\s*(?::=|=>|=|:|\\s)\\s*(?<q>["'\`]?)(?<secret>${GENERIC_VALUE_CLASS}{8,200})\\k<q>(?=[\\s"'\`;,)}\\]]|$)`,
      'i',
    ),
    validate: (value) => isStrongGenericValue(value),
    samples: {
      match: [
        (g) => `SMTP_PASSWORD=${humanPassword(g)}`,
        (g) => `db_password: "${humanPassword(g)}"`,
        (g) => `  "apiKey": "${g.alnum(32)}",`,
        (g) => `export APP_SECRET='${g.base64(40)}'`,
      ],
      quiet: [
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
      ],
    },
  },
];

/** A file path (`/etc/app/key.pem`, `./secrets`), not a base64 value that starts with a slash. */
function looksLikePath(value: string): boolean {
  if (/^[A-Za-z]:\\/.test(value)) return true;
  if (!/^(?:\.{0,2}|~)\/[A-Za-z0-9_./-]*$/.test(value)) return false;
  // Path segments are words (lower, Capitalised or UPPER); random base64 segments are not.
  return value.split('/').every((segment) => /^(?:[a-z0-9_.-]*|[A-Z][a-z0-9_.-]*|[A-Z0-9_.-]*)$/.test(segment));
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

/**
 * A value that is neither a reference (`$VAR`, `process.env.X`), an identifier,
 * a path, a URL nor a placeholder, and mixes character classes like a real secret.
 */
export function isStrongGenericValue(value: string): boolean {
  if (/^[$%@!|>*&#]|^\{\{|\$\{|\$\(/.test(value)) return false;
  if (/process\.env|os\.environ|getenv|environ|secrets\.|env\(|\bvault\b|\.get\(|^ref\+|^arn:/i.test(value)) return false;
  if (/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(value)) return false; // this.token, config.apiKey
  if (/^[A-Z][A-Z0-9_]+$/.test(value) && value.includes('_')) return false; // an env var name
  if (looksLikePath(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return false;
  if (/^(?:true|false|null|none|nil|undefined|required|optional)$/i.test(value)) return false;
  if (/^\d+(?:\.\d+)?[a-z]{0,2}$/i.test(value)) return false;
  if (/^[a-f0-9-]{36}$/i.test(value) && /^[a-f0-9]{8}-/.test(value)) return false; // a UUID is an identifier
  if (/^(?:sha\d+|md5|sha512-|sha256-|sha384-)[:-]?/i.test(value)) return false;
  if (looksLikeGenericPlaceholder(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9_.-]/].filter((re) => re.test(value)).length;
  if (classes < 2) return false;
  if (!/[0-9]|[^A-Za-z0-9_.-]/.test(value) && !looksRandomlyCased(value)) return false;
  // A plain hex run is a digest unless it is long enough to be a key and the name says so.
  return shannonEntropy(value) >= (value.length >= 20 ? 3.2 : 2.7);
}
