// A labelled corpus made at test time: fake credentials of many kinds planted in
// realistic files, and look-alikes that must stay quiet. Nothing here is a real secret.
import { base62, crc32, withBech32Checksum } from '../../../src/scan/encoding.js';
import { randomGenerator, type SampleGenerator } from '../../../src/scan/samples.js';
import { humanPassword } from '../../../src/scan/rules/structural.js';

export interface Kind {
  kind: string;
  /** Variable name the value is assigned to (UPPER_SNAKE). */
  name: string;
  value: (g: SampleGenerator) => string;
  /** Recognisable without its name (can sit in a URL, a lockfile, a comment). */
  selfIdentifying: boolean;
}

const crcToken = (prefix: string) => (g: SampleGenerator): string => { const b = g.alnum(30); return `${prefix}${b}${base62(crc32(b), 6)}`; };
const uuid = (g: SampleGenerator): string => `${g.hex(8)}-${g.hex(4)}-4${g.hex(3)}-a${g.hex(3)}-${g.hex(12)}`;
const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export const KINDS: Kind[] = [
  { kind: 'github-pat', name: 'GITHUB_TOKEN', value: crcToken('ghp_'), selfIdentifying: true },
  { kind: 'github-oauth', name: 'GH_OAUTH_TOKEN', value: crcToken('gho_'), selfIdentifying: true },
  { kind: 'github-fine-grained-pat', name: 'GH_PAT', value: (g) => `github_pat_${g.alnum(22)}_${g.alnum(59)}`, selfIdentifying: true },
  { kind: 'gitlab-pat', name: 'GITLAB_TOKEN', value: (g) => `glpat-${g.urlSafe(20)}`, selfIdentifying: true },
  { kind: 'npm-access-token', name: 'NPM_TOKEN', value: crcToken('npm_'), selfIdentifying: true },
  { kind: 'pypi-upload-token', name: 'PYPI_TOKEN', value: (g) => `pypi-AgEIcHlwaS5vcmc${g.urlSafe(70)}`, selfIdentifying: true },
  { kind: 'slack-bot-token', name: 'SLACK_BOT_TOKEN', value: (g) => `xoxb-${g.digits(12)}-${g.digits(13)}-${g.alnum(24)}`, selfIdentifying: true },
  { kind: 'slack-webhook', name: 'SLACK_WEBHOOK_URL', value: (g) => `https://hooks.slack.com/services/T${g.upper(10)}/B${g.upper(10)}/${g.alnum(24)}`, selfIdentifying: true },
  { kind: 'discord-webhook', name: 'DISCORD_WEBHOOK', value: (g) => `https://discord.com/api/webhooks/${g.digits(18)}/${g.urlSafe(68)}`, selfIdentifying: true },
  { kind: 'telegram-bot-token', name: 'TELEGRAM_BOT_TOKEN', value: (g) => `${g.digits(10)}:AA${g.urlSafe(33)}`, selfIdentifying: true },
  { kind: 'stripe-secret-key', name: 'STRIPE_SECRET_KEY', value: (g) => `sk_live_${g.alnum(40)}`, selfIdentifying: true },
  { kind: 'stripe-webhook-secret', name: 'STRIPE_WEBHOOK_SECRET', value: (g) => `whsec_${g.alnum(32)}`, selfIdentifying: true },
  { kind: 'aws-access-key-id', name: 'AWS_ACCESS_KEY_ID', value: (g) => `AKIA${g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`, selfIdentifying: true },
  { kind: 'aws-secret-access-key', name: 'AWS_SECRET_ACCESS_KEY', value: (g) => `${g.base64(37)}k9Q`, selfIdentifying: false },
  { kind: 'gcp-api-key', name: 'GOOGLE_API_KEY', value: (g) => `AIza${g.urlSafe(35)}`, selfIdentifying: true },
  { kind: 'sendgrid-api-key', name: 'SENDGRID_API_KEY', value: (g) => `SG.${g.urlSafe(22)}.${g.urlSafe(43)}`, selfIdentifying: true },
  { kind: 'mailgun-api-key', name: 'MAILGUN_API_KEY', value: (g) => `key-${g.hex(32)}`, selfIdentifying: true },
  { kind: 'mailchimp-api-key', name: 'MAILCHIMP_KEY', value: (g) => `${g.hex(32)}-us${g.int(1, 21)}`, selfIdentifying: true },
  { kind: 'openai-api-key', name: 'OPENAI_API_KEY', value: (g) => `sk-proj-${g.urlSafe(40)}T3BlbkFJ${g.urlSafe(40)}`, selfIdentifying: true },
  { kind: 'anthropic-api-key', name: 'ANTHROPIC_API_KEY', value: (g) => `sk-ant-api03-${g.urlSafe(93)}AA`, selfIdentifying: true },
  { kind: 'huggingface-token', name: 'HF_TOKEN', value: (g) => `hf_${g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34)}`, selfIdentifying: true },
  { kind: 'groq-api-key', name: 'GROQ_API_KEY', value: (g) => `gsk_${g.alnum(52)}`, selfIdentifying: true },
  { kind: 'digitalocean-pat', name: 'DIGITALOCEAN_TOKEN', value: (g) => `dop_v1_${g.hex(64)}`, selfIdentifying: true },
  { kind: 'shopify-access-token', name: 'SHOPIFY_TOKEN', value: (g) => `shpat_${g.hex(32)}`, selfIdentifying: true },
  { kind: 'twilio-api-key', name: 'TWILIO_API_KEY', value: (g) => `SK${g.hex(32)}`, selfIdentifying: true },
  { kind: 'docker-hub-pat', name: 'DOCKERHUB_TOKEN', value: (g) => `dckr_pat_${g.urlSafe(27)}`, selfIdentifying: true },
  { kind: 'databricks-token', name: 'DATABRICKS_TOKEN', value: (g) => `dapi${g.hex(32)}`, selfIdentifying: true },
  { kind: 'doppler-token', name: 'DOPPLER_TOKEN', value: (g) => `dp.st.${g.alnum(43)}`, selfIdentifying: true },
  { kind: 'vault-service-token', name: 'VAULT_TOKEN', value: (g) => `hvs.${g.urlSafe(100)}`, selfIdentifying: true },
  { kind: 'grafana-service-account-token', name: 'GRAFANA_TOKEN', value: (g) => `glsa_${g.alnum(32)}_${g.hex(8)}`, selfIdentifying: true },
  { kind: 'new-relic-user-key', name: 'NEW_RELIC_API_KEY', value: (g) => `NRAK-${g.upper(27)}`, selfIdentifying: true },
  { kind: 'sentry-user-token', name: 'SENTRY_AUTH_TOKEN', value: (g) => `sntryu_${g.hex(64)}`, selfIdentifying: true },
  { kind: 'age-secret-key', name: 'SOPS_AGE_KEY', value: (g) => withBech32Checksum('age-secret-key-', Array.from({ length: 52 }, () => g.int(0, 31))).toUpperCase(), selfIdentifying: true },
  { kind: 'postman-api-key', name: 'POSTMAN_API_KEY', value: (g) => `PMAK-${g.hex(24)}-${g.hex(34)}`, selfIdentifying: true },
  { kind: 'linear-api-key', name: 'LINEAR_API_KEY', value: (g) => `lin_api_${g.alnum(40)}`, selfIdentifying: true },
  { kind: 'figma-pat', name: 'FIGMA_TOKEN', value: (g) => `figd_${g.urlSafe(40)}`, selfIdentifying: true },
  { kind: 'tailscale-key', name: 'TS_AUTHKEY', value: (g) => `tskey-auth-${g.alnum(12)}-${g.alnum(32)}`, selfIdentifying: true },
  { kind: 'planetscale-token', name: 'PLANETSCALE_PASSWORD', value: (g) => `pscale_pw_${g.urlSafe(43)}`, selfIdentifying: true },
  { kind: 'sonarqube-token', name: 'SONAR_TOKEN', value: (g) => `sqp_${g.hex(40)}`, selfIdentifying: true },
  { kind: 'pulumi-access-token', name: 'PULUMI_ACCESS_TOKEN', value: (g) => `pul-${g.hex(40)}`, selfIdentifying: true },
  { kind: 'jwt', name: 'SUPABASE_SERVICE_ROLE_KEY', value: (g) => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ role: 'service_role', iss: 'supabase', ref: g.alnum(20) })}.${g.urlSafe(43)}`, selfIdentifying: true },
  { kind: 'url-credentials', name: 'DATABASE_URL', value: (g) => `postgres://app:${g.alnum(24)}@db.internal:5432/app`, selfIdentifying: true },
  { kind: 'private-key', name: 'GCP_PRIVATE_KEY', value: (g) => `-----BEGIN PRIVATE KEY-----\\n${g.base64(64)}\\n${g.base64(64)}\\n${g.base64(40)}==\\n-----END PRIVATE KEY-----\\n`, selfIdentifying: true },
  { kind: 'datadog-api-key', name: 'DD_API_KEY', value: (g) => g.hex(32), selfIdentifying: false },
  { kind: 'heroku-api-key', name: 'HEROKU_API_KEY', value: uuid, selfIdentifying: false },
  { kind: 'twilio-auth-token', name: 'TWILIO_AUTH_TOKEN', value: (g) => g.hex(32), selfIdentifying: false },
  { kind: 'forgejo-token', name: 'FORGEJO_TOKEN', value: (g) => g.hex(40), selfIdentifying: false },
  { kind: 'generic-secret', name: 'SMTP_PASSWORD', value: humanPassword, selfIdentifying: false },
  { kind: 'generic-secret', name: 'DB_PASSWORD', value: humanPassword, selfIdentifying: false },
  { kind: 'generic-secret', name: 'SECRET_KEY_BASE', value: (g) => g.hex(64), selfIdentifying: false },
  // A chosen password may open with a symbol that YAML, shells and code also use.
  { kind: 'generic-secret', name: 'ADMIN_PASSWORD', value: (g) => `${SYMBOL_LEADS[g.int(0, SYMBOL_LEADS.length - 1)]}${humanPassword(g)}`, selfIdentifying: false },
];

/** Every symbol the strong-value filter once refused at the start of a password. */
const SYMBOL_LEADS = ['!', '*', '$', '%', '@', '|', '>', '&', '#'];

const camel = (name: string): string => name.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const snake = (name: string): string => name.toLowerCase();

/** How each file type writes `name = value` on one line. */
export const FILE_TYPES: Record<string, { file: string; header: string[]; line: (name: string, value: string) => string; footer: string[]; filler: string[] }> = {
  env: { file: '.env.production', header: ['# production settings', 'NODE_ENV=production', 'PORT=8080'], line: (n, v) => `${n}=${v}`, footer: [], filler: ['LOG_LEVEL=info', 'WORKERS=4', 'PUBLIC_URL=https://app.example.net'] },
  shell: { file: 'scripts/deploy.sh', header: ['#!/usr/bin/env bash', 'set -euo pipefail'], line: (n, v) => `export ${n}="${v}"`, footer: ['docker compose up -d'], filler: ['echo "deploying $VERSION"', 'ssh deploy@app.example.net "sudo -n systemctl restart app"', 'rsync -az dist/ deploy@app:/srv/app/'] },
  yaml: { file: 'config/app.yml', header: ['app:', '  name: shop'], line: (n, v) => `  ${snake(n)}: "${v}"`, footer: [], filler: ['  replicas: 2', '  region: eu-central', '  timeout: 30s'] },
  json: { file: 'config/settings.json', header: ['{', '  "name": "shop",'], line: (n, v) => `  "${camel(n)}": "${v}",`, footer: ['  "debug": false', '}'], filler: ['  "retries": 3,', '  "locale": "en-GB",', '  "features": ["cart", "search"],'] },
  terraform: { file: 'infra/main.tf', header: ['resource "app_settings" "prod" {', '  name = "shop"'], line: (n, v) => `  ${snake(n)} = "${v}"`, footer: ['}'], filler: ['  region = var.region', '  size   = "s-1vcpu-1gb"', '  tags   = ["prod", "web"]'] },
  dockerfile: { file: 'Dockerfile', header: ['FROM node:20-alpine', 'WORKDIR /app'], line: (n, v) => `ENV ${n}=${v}`, footer: ['CMD ["node", "server.js"]'], filler: ['COPY package*.json ./', 'RUN npm ci --omit=dev', 'EXPOSE 8080'] },
  js: { file: 'src/config.js', header: ["'use strict';", "const path = require('node:path');"], line: (n, v) => `const ${camel(n)} = '${v}';`, footer: ['module.exports = { path };'], filler: ['const port = Number(process.env.PORT ?? 8080);', 'function handler(req, res) { res.end("ok"); }', "const root = path.join(__dirname, 'public');"] },
  python: { file: 'app/settings.py', header: ['import os', 'DEBUG = False'], line: (n, v) => `${n} = "${v}"`, footer: [], filler: ['ALLOWED_HOSTS = ["app.example.net"]', 'TIME_ZONE = "UTC"', 'def ready(): return True'] },
  go: { file: 'cmd/server/config.go', header: ['package main', '', 'func config() map[string]string {'], line: (n, v) => `\t${camel(n)} := "${v}"; _ = ${camel(n)}`, footer: ['\treturn nil', '}'], filler: ['\tport := 8080; _ = port', '\tname := "shop"; _ = name', '\t// load settings'] },
  typescript: { file: 'src/settings.ts', header: ["import { env } from './env';"], line: (n, v) => `export const ${n}: string = "${v}";`, footer: ['export default env;'], filler: ['export const PORT: number = 8080;', "export const REGION: string = 'eu-central';", 'const started = Date.now();'] },
  lockfile: { file: 'package-lock.json', header: ['{', '  "name": "shop",', '  "lockfileVersion": 3,', '  "packages": {'], line: (_n, v) => `    "node_modules/private-lib": { "version": "1.2.3", "resolved": "https://npm.pkg.example.net/private-lib/-/private-lib-1.2.3.tgz?auth=${v}" },`, footer: ['  }', '}'], filler: [] },
};

export interface LookAlike { label: string; name: string; value: (g: SampleGenerator) => string }

const sha = (g: SampleGenerator, n: number): string => g.hex(n);
export const LOOK_ALIKES: LookAlike[] = [
  { label: 'placeholder', name: 'API_KEY', value: () => 'your_api_key_here' },
  { label: 'placeholder', name: 'DB_PASSWORD', value: () => 'changeme' },
  { label: 'placeholder', name: 'STRIPE_SECRET_KEY', value: () => 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx' },
  { label: 'placeholder', name: 'GITHUB_TOKEN', value: () => '${GITHUB_TOKEN}' },
  { label: 'placeholder', name: 'DEPLOY_TOKEN', value: () => '${{ secrets.DEPLOY_TOKEN }}' },
  { label: 'placeholder', name: 'SESSION_SECRET', value: () => '<session-secret>' },
  { label: 'placeholder', name: 'SMTP_PASSWORD', value: () => 'REPLACE_ME' },
  { label: 'documented example', name: 'AWS_ACCESS_KEY_ID', value: () => 'AKIAIOSFODNN7EXAMPLE' },
  { label: 'documented example', name: 'AWS_SECRET_ACCESS_KEY', value: () => 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  { label: 'bad checksum', name: 'GITHUB_TOKEN', value: (g) => { const t = crcToken('ghp_')(g); return `${t.slice(0, -1)}${t.endsWith('Z') ? 'Y' : 'Z'}`; } },
  { label: 'bad checksum', name: 'NPM_TOKEN', value: (g) => { const t = crcToken('npm_')(g); return `${t.slice(0, -2)}${t.endsWith('00') ? '11' : '00'}`; } },
  { label: 'bad checksum', name: 'SOPS_AGE_KEY', value: (g) => { const t = withBech32Checksum('age-secret-key-', Array.from({ length: 52 }, () => g.int(0, 31))).toUpperCase(); return `${t.slice(0, -1)}${t.endsWith('Q') ? 'P' : 'Q'}`; } },
  { label: 'digest', name: 'CHECKSUM_SHA256', value: (g) => sha(g, 64) },
  { label: 'digest', name: 'GIT_COMMIT', value: (g) => sha(g, 40) },
  { label: 'digest', name: 'IMAGE', value: (g) => `registry.example.net/shop@sha256:${sha(g, 64)}` },
  { label: 'digest', name: 'TOKEN_HASH', value: (g) => sha(g, 64) },
  { label: 'uuid', name: 'REQUEST_ID', value: uuid },
  { label: 'uuid', name: 'TENANT_ID', value: uuid },
  { label: 'integrity', name: 'INTEGRITY', value: (g) => `sha512-${g.base64(86)}==` },
  { label: 'public key', name: 'DEPLOY_PUBLIC_KEY', value: (g) => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${g.base64(43)} deploy@ci` },
  { label: 'public key', name: 'JWT_PUBLIC_KEY', value: (g) => `-----BEGIN PUBLIC KEY-----\\n${g.base64(64)}\\n${g.base64(24)}==\\n-----END PUBLIC KEY-----` },
  { label: 'certificate', name: 'TLS_CERT', value: (g) => `-----BEGIN CERTIFICATE-----\\n${g.base64(64)}\\n${g.base64(64)}\\n-----END CERTIFICATE-----` },
  { label: 'base64 image', name: 'LOGO', value: (g) => `data:image/png;base64,iVBORw0KGgo${g.base64(300)}` },
  { label: 'reference', name: 'API_TOKEN', value: () => 'process.env.API_TOKEN' },
  { label: 'identifier', name: 'BUILD_ID', value: (g) => g.alnum(32) },
  // A Twilio account SID names the account (like an AWS account id): an identifier, not a credential.
  { label: 'identifier', name: 'TWILIO_ACCOUNT_SID', value: (g) => `AC${g.hex(32)}` },
  { label: 'reference', name: 'GITHUB_TOKEN', value: () => '${GITHUB_TOKEN:?set GITHUB_TOKEN first}' },
  { label: 'reference', name: 'DEPLOY_TOKEN', value: () => '${DEPLOY_TOKEN:-fallbackvalue1}' },
];

/** Terraform variables: the value's line says only `default`, the name is on the block's first line. */
const TERRAFORM_SECRET_VARIABLES = ['db_password', 'api_token', 'admin_secret', 'smtp_password'];
const TERRAFORM_PLAIN_VARIABLES = ['build_id', 'instance_type', 'region'];
const terraformVariable = (name: string, value: string): string[] => [`variable "${name}" {`, '  type      = string', '  sensitive = true', `  default   = "${value}"`, '}', ''];

/** One long line of minified code full of member copies: not one finding. */
function minifiedBundle(g: SampleGenerator, bytes: number): string {
  const parts: string[] = [];
  for (let size = 0, i = 0; size < bytes; i += 1) {
    const v = `${g.chars('abcdefghijklmnopqrstuvwxyz', 1)}${i}`;
    const part = `function ${v}(e,t){var n=e.apiKey||t.token||"";o.password=t.password??n,o.secret=n?n.secret:t.secret;return e.accessToken=t.accessToken,n}`;
    parts.push(part);
    size += part.length + 1;
  }
  return parts.join(';');
}

const LOCKFILE_INTEGRITY = (g: SampleGenerator): string => `    "node_modules/left-pad": { "version": "1.3.0", "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz", "integrity": "sha512-${g.base64(86)}==" },`;

/**
 * The unit tests draw their samples from a fixed seed so every run sees the
 * same text; SLIPWAY_SAMPLE_SEED=<n> explores other draws.
 */
export const SAMPLE_SEED = Number(process.env.SLIPWAY_SAMPLE_SEED ?? 20261130);
export const seededGenerator = (): SampleGenerator => randomGenerator(SAMPLE_SEED);

export interface PlantedSecret { path: string; line: number; kind: string }
export interface CorpusFile { path: string; text: string }
export interface Corpus { files: CorpusFile[]; planted: PlantedSecret[]; lookAlikes: Array<{ path: string; line: number; label: string }> }

/**
 * `rounds` copies of every file type; each planted kind and each look-alike
 * lands in every type that can hold it.
 */
export function buildCorpus(rounds = 1, g: SampleGenerator = seededGenerator()): Corpus {
  const corpus: Corpus = { files: [], planted: [], lookAlikes: [] };
  for (let round = 0; round < rounds; round += 1) {
    for (const [type, shape] of Object.entries(FILE_TYPES)) {
      const dir = `r${round}/${type}`;
      // Secrets and look-alikes go into separate files of the same type.
      const secretLines = [...shape.header];
      const path = `${dir}/${shape.file}`;
      KINDS.forEach((kind, index) => {
        if (type === 'lockfile' && !kind.selfIdentifying) return;
        if (type === 'lockfile' && kind.kind === 'private-key') return;
        if ((index + round) % 2 === 1 && type !== 'env') return; // spread kinds over file types
        secretLines.push(shape.filler[index % Math.max(1, shape.filler.length)] ?? LOCKFILE_INTEGRITY(g));
        secretLines.push(shape.line(kind.name, kind.value(g)));
        corpus.planted.push({ path, line: secretLines.length, kind: kind.kind });
      });
      secretLines.push(...shape.footer);
      corpus.files.push({ path, text: `${secretLines.join('\n')}\n` });

      const quietPath = `${dir}/quiet/${shape.file}`;
      const quietLines = [...shape.header];
      for (const look of LOOK_ALIKES) {
        if (type === 'lockfile') {
          quietLines.push(LOCKFILE_INTEGRITY(g));
          corpus.lookAlikes.push({ path: quietPath, line: quietLines.length, label: 'integrity' });
          continue;
        }
        quietLines.push(shape.line(look.name, look.value(g)));
        corpus.lookAlikes.push({ path: quietPath, line: quietLines.length, label: look.label });
      }
      quietLines.push(...shape.footer);
      corpus.files.push({ path: quietPath, text: `${quietLines.join('\n')}\n` });
    }
    const tfPath = `r${round}/terraform/variables.tf`;
    const tfLines: string[] = [];
    for (const name of TERRAFORM_SECRET_VARIABLES) {
      const block = terraformVariable(name, humanPassword(g));
      corpus.planted.push({ path: tfPath, line: tfLines.length + 4, kind: 'terraform-variable-default' });
      tfLines.push(...block);
    }
    corpus.files.push({ path: tfPath, text: tfLines.join('\n') });
    const tfQuietPath = `r${round}/terraform/quiet/variables.tf`;
    const tfQuiet: string[] = [];
    for (const name of TERRAFORM_PLAIN_VARIABLES) {
      corpus.lookAlikes.push({ path: tfQuietPath, line: tfQuiet.length + 4, label: 'identifier' });
      tfQuiet.push(...terraformVariable(name, g.alnum(24)));
    }
    corpus.lookAlikes.push({ path: tfQuietPath, line: tfQuiet.length + 4, label: 'placeholder' });
    tfQuiet.push(...terraformVariable('db_password', 'changeme'));
    corpus.files.push({ path: tfQuietPath, text: tfQuiet.join('\n') });
    corpus.files.push({ path: `r${round}/dist/quiet/bundle.js`, text: `${minifiedBundle(g, 200_000)}\n` });
    corpus.lookAlikes.push({ path: `r${round}/dist/quiet/bundle.js`, line: 1, label: 'minified' });

    // A PEM file: the multi-line form of a private key.
    const pem = `-----BEGIN RSA PRIVATE KEY-----\n${Array.from({ length: 12 }, () => g.base64(64)).join('\n')}\n-----END RSA PRIVATE KEY-----\n`;
    corpus.files.push({ path: `r${round}/keys/deploy_rsa`, text: pem });
    corpus.planted.push({ path: `r${round}/keys/deploy_rsa`, line: 1, kind: 'private-key' });
  }
  return corpus;
}
