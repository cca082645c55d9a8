// Token formats that carry their own prefix, written from the providers'
// documented shapes (prefix, alphabet, length). Facts only; no list was copied.
import { base62, crc32, decodeBase64, hasValidCrc32Suffix, isJsonSegment, isValidBech32, withBech32Checksum } from '../encoding.js';
import type { SampleGenerator } from '../samples.js';
import type { Rule } from '../types.js';
import { CHARSETS as C, prefixed } from './shapes.js';

/** Random body + CRC32 suffix, as GitHub and npm build their tokens. */
const crcToken = (prefix: string) => (g: SampleGenerator): string => {
  const body = g.alnum(30);
  return `${prefix}${body}${base62(crc32(body), 6)}`;
};
/** The same token with its checksum broken: must stay quiet. */
const brokenCrcToken = (prefix: string) => (g: SampleGenerator): string => {
  const good = crcToken(prefix)(g);
  const last = good.at(-1) === 'A' ? 'B' : 'A';
  return `token = "${good.slice(0, -1)}${last}"`;
};

const github = (kind: string, title: string): Rule => prefixed({
  id: `github-${kind}`,
  title,
  prefix: `gh${kind[0]}_`,
  body: C.alnum,
  length: 36,
  validate: (secret) => hasValidCrc32Suffix(secret),
  build: crcToken(`gh${kind[0]}_`),
  quiet: [brokenCrcToken(`gh${kind[0]}_`)],
});

const segment = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** `ghs_<app id>_<JWT>`: a header and payload that decode to JSON, and a signature. */
const githubInstallationJwt = (g: SampleGenerator): string =>
  `ghs_${g.int(100000, 9999999)}_${segment({ alg: 'RS256', typ: 'JWT' })}.${segment({ iss: g.digits(7), iat: 1700000000 + g.int(0, 1e6), inst: g.digits(8) })}.${g.urlSafe(43)}`;

/** The payload of a Sentry org token is base64 JSON with at least `iat`. */
function sentryPayload(token: string): boolean {
  if (!/^sntrys_eyJ[A-Za-z0-9+/=]{30,600}_[A-Za-z0-9+/]{43}$/.test(token)) return false;
  const payload = token.slice('sntrys_'.length, token.lastIndexOf('_'));
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && 'iat' in value;
  } catch {
    return false;
  }
}

const sentryOrgToken = (g: SampleGenerator): string => {
  const payload = Buffer.from(JSON.stringify({ iat: 1700000000 + g.int(0, 1e6), url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: `shop${g.digits(3)}` })).toString('base64').replace(/=+$/, '');
  return `sntrys_${payload}_${g.base64(43)}`;
};

const ageKey = (g: SampleGenerator): string => {
  const data = Array.from({ length: 52 }, () => g.int(0, 31));
  return withBech32Checksum('age-secret-key-', data).toUpperCase();
};

export const providerRules: Rule[] = [
  // Forges and CI
  github('pat', 'GitHub personal access token (classic)'),
  github('oauth', 'GitHub OAuth access token'),
  github('user-to-server', 'GitHub App user-to-server token'),
  github('server-to-server', 'GitHub App installation token'),
  github('refresh', 'GitHub refresh token'),
  // Newer installation tokens: `ghs_<app id>_` + a JWT whose header and payload decode to JSON.
  prefixed({ id: 'github-installation-token-jwt', title: 'GitHub App installation token (JWT form)', prefix: 'ghs_', body: C.digits, length: [1, 12], suffix: { regex: '_eyJ[A-Za-z0-9_-]{10,2000}\\.eyJ[A-Za-z0-9_-]{10,4000}\\.[A-Za-z0-9_-]{20,1000}', sample: '' }, validate: (s) => { const [header = '', payload = ''] = s.slice(s.indexOf('_', 4) + 1).split('.'); return isJsonSegment(header) && isJsonSegment(payload); }, build: githubInstallationJwt }),
  prefixed({ id: 'vercel-prefixed-token', title: 'Vercel token (personal, integration, app, refresh, API key)', prefix: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'], body: C.alnum, length: [24, 80], validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s.slice(4)) }),
  prefixed({ id: 'github-fine-grained-pat', title: 'GitHub fine-grained personal access token', prefix: 'github_pat_', body: C.url, length: [82, 82] }),
  prefixed({ id: 'gitlab-pat', title: 'GitLab personal access token', prefix: 'glpat-', body: C.url, length: [20, 80] }),
  prefixed({ id: 'gitlab-pipeline-trigger-token', title: 'GitLab pipeline trigger token', prefix: 'glptt-', body: C.hex, length: 40 }),
  prefixed({ id: 'gitlab-runner-registration-token', title: 'GitLab runner registration token', prefix: 'GR1348941', body: C.url, length: 20 }),
  prefixed({ id: 'gitlab-runner-auth-token', title: 'GitLab runner authentication token', prefix: 'glrt-', body: C.url, length: [20, 60] }),
  prefixed({ id: 'gitlab-deploy-token', title: 'GitLab deploy token', prefix: 'gldt-', body: C.url, length: [20, 60] }),
  prefixed({ id: 'gitlab-feed-token', title: 'GitLab feed token', prefix: 'glft-', body: C.url, length: [20, 60] }),
  prefixed({ id: 'gitlab-oauth-app-secret', title: 'GitLab OAuth application secret', prefix: 'gloas-', body: C.url, length: 64 }),
  prefixed({ id: 'gitlab-scim-token', title: 'GitLab SCIM token', prefix: 'glsoat-', body: C.url, length: [20, 60] }),
  prefixed({ id: 'gitlab-incoming-mail-token', title: 'GitLab incoming mail token', prefix: 'glimt-', body: C.url, length: 25 }),
  prefixed({ id: 'gitlab-agent-token', title: 'GitLab Kubernetes agent token', prefix: 'glagent-', body: C.url, length: [50, 60] }),
  prefixed({ id: 'gitlab-cicd-job-token', title: 'GitLab CI/CD job token', prefix: 'glcbt-', body: C.url, length: [20, 60] }),
  prefixed({ id: 'bitbucket-app-password', title: 'Bitbucket app password', prefix: 'ATBB', body: C.alnum, length: 32 }),
  prefixed({ id: 'atlassian-api-token', title: 'Atlassian API token', prefix: 'ATATT3', body: C.url, length: [180, 200], suffix: { regex: '(?:=[A-F0-9]{8})?', sample: '' } }),
  prefixed({ id: 'circleci-personal-token', title: 'CircleCI personal API token', prefix: 'CCIPAT_', body: C.alnum, length: 22, suffix: { regex: '_[a-f0-9]{40}', sample: (g) => `_${g.hex(40)}` } }),
  prefixed({ id: 'buildkite-agent-token', title: 'Buildkite API access token', prefix: 'bkua_', body: C.hex, length: 40 }),
  prefixed({ id: 'sonarqube-token', title: 'SonarQube token', prefix: ['sqp_', 'squ_', 'sqa_'], body: C.hex, length: 40 }),
  prefixed({ id: 'docker-hub-pat', title: 'Docker Hub personal access token', prefix: ['dckr_pat_', 'dckr_oat_'], body: C.url, length: 27 }),
  prefixed({ id: 'jfrog-api-key', title: 'JFrog Artifactory API key', prefix: 'AKCp', body: C.alnum, length: 69 }),
  prefixed({ id: 'jfrog-reference-token', title: 'JFrog reference token', prefix: 'cmVmdGtu', body: C.alnum, length: 56, embedded: true }),
  prefixed({ id: 'octopus-deploy-api-key', title: 'Octopus Deploy API key', prefix: 'API-', body: C.upper, length: 26 }),
  prefixed({ id: 'harness-pat', title: 'Harness access token', prefix: ['pat.', 'sat.'], body: C.url, length: 22, suffix: { regex: '\\.[a-f0-9]{24}\\.[A-Za-z0-9]{20}', sample: (g) => `.${g.hex(24)}.${g.alnum(20)}` } }),
  prefixed({ id: 'sourcegraph-token', title: 'Sourcegraph access token (legacy)', prefix: 'sgp_', body: C.hex, length: 40 }),
  // `sgp_<16 hex instance id>_<40 hex>` and `sgp_local_<40 hex>`.
  prefixed({ id: 'sourcegraph-instance-token', title: 'Sourcegraph access token', prefix: 'sgp_', body: { cls: 'a-fA-F0-9', alphabet: C.hex.alphabet }, length: 16, suffix: { regex: '_[a-fA-F0-9]{40}', sample: (g) => `_${g.hex(40)}` } }),
  prefixed({ id: 'sourcegraph-local-token', title: 'Sourcegraph local access token', prefix: 'sgp_local_', body: { cls: 'a-fA-F0-9', alphabet: C.hex.alphabet }, length: 40 }),
  prefixed({ id: 'terraform-cloud-token', title: 'Terraform Cloud / HCP API token', prefix: [''], body: C.alnum, length: 14, suffix: { regex: '\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}', sample: (g) => `.atlasv1.${g.urlSafe(67)}` }, keywords: ['.atlasv1.'] }),
  prefixed({ id: 'pulumi-access-token', title: 'Pulumi access token', prefix: 'pul-', body: C.hex, length: 40 }),
  // Not inside a file name (`assets/ico-<hash>.png`): a key has mixed case, a content hash does not.
  prefixed({ id: 'infracost-api-key', title: 'Infracost API key', prefix: 'ico-', body: C.alnum, length: 32, notAfter: 'A-Za-z0-9_./-', suffix: { regex: '(?!\\.[A-Za-z0-9]{1,5}(?![A-Za-z0-9]))', sample: '' }, validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s.slice(4)), quiet: ['<link rel="icon" href="/static/ico-3f9a2c4d5e6f708192a3b4c5d6e7f8a9.png">', 'favicon: assets/app-ico-3F9A2c4d5e6f708192a3b4c5d6e7f8a9.svg'] }),
  prefixed({ id: 'prefect-api-key', title: 'Prefect API key', prefix: 'pnu_', body: C.alnum, length: 36 }),
  prefixed({ id: 'readme-api-key', title: 'ReadMe API key', prefix: 'rdme_', body: C.lower, length: 70 }),
  prefixed({ id: 'postman-api-key', title: 'Postman API key', prefix: 'PMAK-', body: C.hex, length: 24, suffix: { regex: '-[a-f0-9]{34}', sample: (g) => `-${g.hex(34)}` } }),

  // Cloud and hosting
  prefixed({ id: 'aws-access-key-id', title: 'AWS access key ID', prefix: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'], body: C.upper, length: 16, keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'] }),
  // Bedrock API keys: `ABSK` + base64 of `BedrockAPIKey-…` (long-term), `bedrock-api-key-` + base64 of a presigned `bedrock.amazonaws.com` URL (short-term).
  prefixed({ id: 'aws-bedrock-api-key', title: 'AWS Bedrock API key (long-term)', prefix: 'ABSK', body: C.base64, length: [100, 300], suffix: { regex: '={0,2}', sample: '' }, validate: (s) => (decodeBase64(s.slice(4)) ?? '').startsWith('BedrockAPIKey-'), build: (g) => `ABSK${Buffer.from(`BedrockAPIKey-${g.alnum(4)}-at-${g.digits(12)}:${g.base64(60)}`).toString('base64')}` }),
  prefixed({ id: 'aws-bedrock-short-term-key', title: 'AWS Bedrock API key (short-term)', prefix: 'bedrock-api-key-', body: C.base64, length: [100, 3000], suffix: { regex: '={0,2}', sample: '' }, validate: (s) => (decodeBase64(s.slice(16)) ?? '').startsWith('bedrock.amazonaws.com'), build: (g) => `bedrock-api-key-${Buffer.from(`bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Credential=ASIA${g.upper(16)}&X-Amz-Signature=${g.hex(64)}&Version=1`).toString('base64')}` }),
  prefixed({ id: 'openshift-user-token', title: 'OpenShift user token', prefix: 'sha256~', body: C.url, length: 43 }),
  prefixed({ id: 'adobe-client-secret', title: 'Adobe client secret', prefix: 'p8e-', body: { cls: 'A-Za-z0-9', alphabet: C.alnum.alphabet }, length: 32 }),
  prefixed({ id: 'intra42-client-secret', title: '42 Intra client secret', prefix: ['s-s4t2ud-', 's-s4t2af-'], body: C.hex, length: 64 }),
  // 1Password account secret key: `A3-` + 6 + (6-5 or 11) + 5 + 5 + 5 characters, in its printed groupings.
  prefixed({ id: 'onepassword-secret-key', title: '1Password secret key', prefix: 'A3-', body: C.upper, length: 6, suffix: { regex: '-(?:[A-Z0-9]{6}-[A-Z0-9]{5}|[A-Z0-9]{11})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}', sample: (g) => `-${g.upper(6)}-${g.upper(5)}-${g.upper(5)}-${g.upper(5)}-${g.upper(5)}` }, keywords: ['a3-'] }),
  prefixed({ id: 'gcp-api-key', title: 'Google API key', prefix: 'AIza', body: C.url, length: 35 }),
  prefixed({ id: 'gcp-oauth-client-secret', title: 'Google OAuth client secret', prefix: 'GOCSPX-', body: C.url, length: 28 }),
  prefixed({ id: 'google-oauth-access-token', title: 'Google OAuth access token', prefix: 'ya29.', body: C.url, length: [60, 200] }),
  prefixed({ id: 'google-oauth-refresh-token', title: 'Google OAuth refresh token', prefix: '1//0', body: C.url, length: [60, 120] }),
  prefixed({ id: 'azure-ad-client-secret', title: 'Azure AD (Entra ID) client secret', prefix: ['8Q~', '7Q~'], body: { cls: 'A-Za-z0-9_~.-', alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-' }, length: 34, embedded: true, build: (g) => `${g.alnum(3)}8Q~${g.alnum(34)}`, keywords: ['8q~', '7q~'] }),
  prefixed({ id: 'digitalocean-pat', title: 'DigitalOcean personal access token', prefix: 'dop_v1_', body: C.hex, length: 64 }),
  prefixed({ id: 'digitalocean-oauth-token', title: 'DigitalOcean OAuth token', prefix: 'doo_v1_', body: C.hex, length: 64 }),
  prefixed({ id: 'digitalocean-refresh-token', title: 'DigitalOcean refresh token', prefix: 'dor_v1_', body: C.hex, length: 64 }),
  prefixed({ id: 'alibaba-access-key-id', title: 'Alibaba Cloud AccessKey ID', prefix: 'LTAI', body: C.alnum, length: [20, 24] }),
  prefixed({ id: 'heroku-api-key-v2', title: 'Heroku platform API key', prefix: 'HRKU-', body: C.url, length: 60 }),
  prefixed({ id: 'vault-service-token', title: 'HashiCorp Vault service token', prefix: 'hvs.', body: C.url, length: [90, 200] }),
  prefixed({ id: 'vault-batch-token', title: 'HashiCorp Vault batch token', prefix: 'hvb.', body: C.url, length: [90, 500] }),
  prefixed({ id: 'fly-io-token', title: 'Fly.io access token', prefix: ['fo1_', 'fm1r_', 'fm1a_', 'fm2_'], body: { cls: 'A-Za-z0-9_+/=-', alphabet: C.base64.alphabet }, length: [43, 2000] }),
  prefixed({ id: 'netlify-pat', title: 'Netlify personal access token', prefix: 'nfp_', body: C.alnum, length: 36 }),
  prefixed({ id: 'render-api-key', title: 'Render API key', prefix: 'rnd_', body: C.alnum, length: 32 }),
  prefixed({ id: 'supabase-management-token', title: 'Supabase management API token', prefix: 'sbp_', body: C.hex, length: 40 }),
  prefixed({ id: 'supabase-secret-key', title: 'Supabase secret API key', prefix: 'sb_secret_', body: C.url, length: [31, 64] }),
  prefixed({ id: 'aiven-service-password', title: 'Aiven service password', prefix: 'AVNS_', body: C.url, length: 24 }),
  prefixed({ id: 'planetscale-token', title: 'PlanetScale token or password', prefix: ['pscale_tkn_', 'pscale_pw_', 'pscale_oauth_'], body: C.url, length: [32, 64] }),
  prefixed({ id: 'databricks-token', title: 'Databricks access token', prefix: 'dapi', body: C.hex, length: 32, suffix: { regex: '(?:-\\d)?', sample: '' } }),
  prefixed({ id: 'doppler-token', title: 'Doppler token', prefix: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'], body: C.alnum, length: [40, 44] }),
  prefixed({ id: 'grafana-cloud-token', title: 'Grafana Cloud API token', prefix: 'glc_', body: C.base64, length: [32, 400], suffix: { regex: '={0,2}', sample: '' } }),
  prefixed({ id: 'grafana-service-account-token', title: 'Grafana service account token', prefix: 'glsa_', body: C.alnum, length: 32, suffix: { regex: '_[a-f0-9]{8}', sample: (g) => `_${g.hex(8)}` } }),
  prefixed({ id: 'new-relic-user-key', title: 'New Relic user API key', prefix: 'NRAK-', body: C.upper, length: 27 }),
  prefixed({ id: 'new-relic-insert-key', title: 'New Relic insights insert key', prefix: 'NRII-', body: C.url, length: 32 }),
  prefixed({ id: 'new-relic-browser-key', title: 'New Relic browser API token', prefix: 'NRJS-', body: C.hex, length: 19 }),
  prefixed({ id: 'dynatrace-token', title: 'Dynatrace API token', prefix: 'dt0c01.', body: { cls: 'A-Za-z0-9', alphabet: C.alnum.alphabet }, length: 24, suffix: { regex: '\\.[A-Za-z0-9]{64}', sample: (g) => `.${g.upper(64)}` } }),
  // `sntrys_` + base64 JSON (`iat`, `url`, `org` …) + `_` + a 43-character secret: without the payload it is not the format.
  // The pattern is loose so a look-alike claims its span (the generic rule stays quiet on it too); the check is strict.
  prefixed({ id: 'sentry-org-token', title: 'Sentry organization auth token', prefix: 'sntrys_', body: { cls: 'A-Za-z0-9+/=_', alphabet: C.base64.alphabet }, length: [40, 700], validate: sentryPayload, build: sentryOrgToken, quiet: ['SENTRY_AUTH_TOKEN=sntrys_abcdefghQm7rT2xK9pLw4ZsV8nBcQm7rT2xK9pLw4ZsV8nBcQm7rT2xK9pLw4Zs'] }),
  prefixed({ id: 'sentry-user-token', title: 'Sentry user auth token', prefix: 'sntryu_', body: C.hex, length: 64 }),
  prefixed({ id: 'cloudflare-origin-ca-key', title: 'Cloudflare Origin CA key', prefix: 'v1.0-', body: C.hex, length: 24, suffix: { regex: '-[a-f0-9]{146}', sample: (g) => `-${g.hex(146)}` } }),
  prefixed({ id: 'scalingo-api-token', title: 'Scalingo API token', prefix: 'tk-us-', body: C.url, length: 48 }),
  prefixed({ id: 'tailscale-key', title: 'Tailscale auth or API key', prefix: ['tskey-auth-', 'tskey-api-', 'tskey-client-', 'tskey-webhook-', 'tskey-scim-'], body: C.alnum, length: [10, 20], suffix: { regex: '-[A-Za-z0-9]{20,40}', sample: (g) => `-${g.alnum(24)}` } }),
  prefixed({ id: 'defined-networking-key', title: 'Defined Networking API key', prefix: 'dnkey-', body: C.lower, length: 26, suffix: { regex: '-[a-z0-9=_-]{52}', sample: (g) => `-${g.chars('abcdefghijklmnopqrstuvwxyz0123456789', 52)}` } }),

  // Messaging
  prefixed({ id: 'slack-bot-token', title: 'Slack bot token', prefix: 'xoxb-', body: C.digits, length: [10, 13], suffix: { regex: '-[0-9]{10,13}-[A-Za-z0-9]{24}', sample: (g) => `-${g.digits(12)}-${g.alnum(24)}` } }),
  prefixed({ id: 'slack-bot-token-legacy', title: 'Slack bot token (legacy two-part)', prefix: 'xoxb-', body: C.digits, length: [8, 14], suffix: { regex: '-[A-Za-z0-9]{18,26}', sample: (g) => `-${g.alnum(24)}` } }),
  prefixed({ id: 'slack-legacy-token', title: 'Slack legacy workspace or refresh token', prefix: ['xoxa-2-', 'xoxr-2-', 'xoxa-', 'xoxr-'], body: C.alnum, length: [8, 48], validate: (s) => /[A-Za-z]/.test(s.slice(5)) && /[0-9]/.test(s.slice(5)) }),
  prefixed({ id: 'slack-user-token', title: 'Slack user token', prefix: ['xoxp-', 'xoxa-', 'xoxs-'], body: C.digits, length: [10, 13], suffix: { regex: '-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}', sample: (g) => `-${g.digits(12)}-${g.digits(12)}-${g.hex(32)}` } }),
  prefixed({ id: 'slack-app-token', title: 'Slack app-level token', prefix: 'xapp-1-', body: C.upper, length: [9, 12], suffix: { regex: '-[0-9]{10,13}-[A-Za-z0-9]{32,80}', sample: (g) => `-${g.digits(12)}-${g.hex(g.int(62, 64))}` } }),
  prefixed({ id: 'slack-config-token', title: 'Slack configuration token', prefix: ['xoxe.xoxp-1-', 'xoxe.xoxb-1-', 'xoxe-1-'], body: C.alnum, length: [140, 170] }),
  prefixed({ id: 'slack-webhook', title: 'Slack incoming webhook or workflow trigger', prefix: ['hooks.slack.com/services/', 'hooks.slack.com/workflows/', 'hooks.slack.com/triggers/'], body: { cls: 'A-Za-z0-9+/', alphabet: C.alnum.alphabet }, length: [40, 120], embedded: true, build: (g) => `hooks.slack.com/services/T${g.upper(10)}/B${g.upper(10)}/${g.alnum(24)}`, keywords: ['hooks.slack.com'] }),
  prefixed({ id: 'discord-webhook', title: 'Discord webhook URL', prefix: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'], body: C.digits, length: [17, 20], embedded: true, suffix: { regex: '/[A-Za-z0-9_-]{60,68}', sample: (g) => `/${g.urlSafe(68)}` }, keywords: ['/api/webhooks/'] }),
  prefixed({ id: 'telegram-bot-token', title: 'Telegram bot token', prefix: [''], body: C.digits, length: [8, 10], suffix: { regex: ':AA[A-Za-z0-9_-]{33}', sample: (g) => `:AA${g.urlSafe(33)}` }, keywords: [':aa'], minEntropy: 2.5 }),
  prefixed({ id: 'teams-webhook', title: 'Microsoft Teams incoming webhook', prefix: '.webhook.office.com/webhookb2/', body: { cls: 'a-f0-9@-', alphabet: '0123456789abcdef' }, length: [36, 80], embedded: true, suffix: { regex: '/IncomingWebhook/[a-f0-9]{32}/[a-f0-9-]{36}', sample: (g) => `/IncomingWebhook/${g.hex(32)}/${g.hex(8)}-${g.hex(4)}-${g.hex(4)}-${g.hex(4)}-${g.hex(12)}` }, keywords: ['webhook.office.com'] }),
  prefixed({ id: 'zapier-webhook', title: 'Zapier webhook URL', prefix: 'hooks.zapier.com/hooks/catch/', body: C.digits, length: [5, 10], embedded: true, suffix: { regex: '/[a-z0-9]{6,8}/?', sample: (g) => `/${g.chars('abcdefghijklmnopqrstuvwxyz0123456789', 7)}` }, keywords: ['hooks.zapier.com'] }),
  prefixed({ id: 'mattermost-access-token', title: 'Mattermost personal access token', prefix: 'mmat_', body: C.lower, length: 26 }),

  // Payments and commerce
  prefixed({ id: 'stripe-secret-key', title: 'Stripe secret key', prefix: ['sk_live_', 'sk_test_', 'sk_prod_'], body: C.alnum, length: [24, 99] }),
  prefixed({ id: 'stripe-restricted-key', title: 'Stripe restricted key', prefix: ['rk_live_', 'rk_test_', 'rk_prod_'], body: C.alnum, length: [24, 99] }),
  prefixed({ id: 'stripe-webhook-secret', title: 'Stripe webhook signing secret', prefix: 'whsec_', body: C.alnum, length: [32, 64] }),
  prefixed({ id: 'square-access-token', title: 'Square access token', prefix: ['EAAA', 'sq0atp-'], body: C.url, length: [22, 60] }),
  prefixed({ id: 'square-oauth-secret', title: 'Square OAuth secret', prefix: 'sq0csp-', body: C.url, length: 43 }),
  prefixed({ id: 'braintree-access-token', title: 'Braintree / PayPal access token', prefix: 'access_token$production$', body: C.lower, length: 16, suffix: { regex: '\\$[a-f0-9]{32}', sample: (g) => `$${g.hex(32)}` }, keywords: ['access_token$production$'] }),
  prefixed({ id: 'shopify-access-token', title: 'Shopify access token', prefix: ['shpat_', 'shpca_', 'shppa_'], body: { cls: 'A-Za-z0-9', alphabet: C.alnum.alphabet }, length: 32 }),
  prefixed({ id: 'shopify-shared-secret', title: 'Shopify shared secret', prefix: 'shpss_', body: { cls: 'A-Za-z0-9', alphabet: C.alnum.alphabet }, length: 32 }),
  prefixed({ id: 'flutterwave-secret-key', title: 'Flutterwave secret key', prefix: ['FLWSECK-', 'FLWSECK_TEST-'], body: C.hex, length: 32, suffix: { regex: '-X', sample: '-X' } }),
  prefixed({ id: 'razorpay-key', title: 'Razorpay live key', prefix: 'rzp_live_', body: C.alnum, length: 14 }),
  prefixed({ id: 'shippo-token', title: 'Shippo API token', prefix: ['shippo_live_', 'shippo_test_'], body: C.hex, length: 40 }),
  prefixed({ id: 'easypost-api-key', title: 'EasyPost API key', prefix: ['EZAK', 'EZTK'], body: C.alnum, length: 54 }),
  prefixed({ id: 'duffel-token', title: 'Duffel API token', prefix: ['duffel_live_', 'duffel_test_'], body: C.url, length: 43 }),
  prefixed({ id: 'coinbase-pat', title: 'Coinbase access token', prefix: 'organizations/', body: { cls: 'a-f0-9-', alphabet: '0123456789abcdef' }, length: 36, suffix: { regex: '/apiKeys/[a-f0-9-]{36}', sample: (g) => `/apiKeys/${g.hex(8)}-${g.hex(4)}-${g.hex(4)}-${g.hex(4)}-${g.hex(12)}` }, keywords: ['/apikeys/'] }),

  // Mail
  prefixed({ id: 'sendgrid-api-key', title: 'SendGrid API key', prefix: 'SG.', body: C.url, length: 22, suffix: { regex: '\\.[A-Za-z0-9_-]{43}', sample: (g) => `.${g.urlSafe(43)}` } }),
  prefixed({ id: 'mailgun-api-key', title: 'Mailgun API key', prefix: 'key-', body: C.hex, length: 32 }),
  prefixed({ id: 'mailchimp-api-key', title: 'Mailchimp API key', prefix: [''], body: C.hex, length: 32, suffix: { regex: '-us\\d{1,2}', sample: '-us14' }, keywords: ['-us'] }),
  prefixed({ id: 'brevo-api-key', title: 'Brevo (Sendinblue) API key', prefix: ['xkeysib-', 'xsmtpsib-'], body: C.hex, length: 64, suffix: { regex: '-[A-Za-z0-9]{16}', sample: (g) => `-${g.alnum(16)}` } }),
  prefixed({ id: 'mailersend-token', title: 'MailerSend API token', prefix: 'mlsn.', body: C.hex, length: 64 }),
  prefixed({ id: 'mandrill-api-key', title: 'Mandrill API key', prefix: 'md-', body: C.url, length: 22, keywords: ['md-'] }),
  prefixed({ id: 'resend-api-key', title: 'Resend API key', prefix: 're_', body: C.alnum, length: 8, suffix: { regex: '_[A-Za-z0-9]{24}', sample: (g) => `_${g.alnum(24)}` } }),

  // Package registries
  prefixed({ id: 'npm-access-token', title: 'npm access token', prefix: 'npm_', body: C.alnum, length: 36, validate: (s) => hasValidCrc32Suffix(s), build: crcToken('npm_'), quiet: [brokenCrcToken('npm_')] }),
  prefixed({ id: 'pypi-upload-token', title: 'PyPI upload token', prefix: ['pypi-AgEIcHlwaS5vcmc', 'pypi-AgENdGVzdC5weXBpLm9yZw'], body: C.url, length: [50, 220] }),
  prefixed({ id: 'rubygems-api-key', title: 'RubyGems API key', prefix: 'rubygems_', body: C.hex, length: 48 }),
  prefixed({ id: 'nuget-api-key', title: 'NuGet API key', prefix: 'oy2', body: C.lower, length: 43, validate: (s) => /[0-9]/.test(s) }),
  prefixed({ id: 'clojars-token', title: 'Clojars deploy token', prefix: 'CLOJARS_', body: C.lower, length: 60 }),
  prefixed({ id: 'crates-io-token', title: 'crates.io API token', prefix: 'cio', body: C.alnum, length: 32, validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s) }),
  prefixed({ id: 'pub-dev-token', title: 'Hex.pm API key', prefix: 'hexpm_', body: C.alnum, length: 32 }),

  // AI and data platforms
  prefixed({ id: 'openai-api-key', title: 'OpenAI API key', prefix: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-None-'], body: C.url, length: [20, 74], suffix: { regex: 'T3BlbkFJ[A-Za-z0-9_-]{20,74}', sample: (g) => `T3BlbkFJ${g.urlSafe(30)}` } }),
  prefixed({ id: 'openai-legacy-key', title: 'OpenAI API key (legacy)', prefix: 'sk-', body: C.alnum, length: 20, suffix: { regex: 'T3BlbkFJ[A-Za-z0-9]{20}', sample: (g) => `T3BlbkFJ${g.alnum(20)}` }, keywords: ['t3blbkfj'] }),
  prefixed({ id: 'anthropic-api-key', title: 'Anthropic API key', prefix: ['sk-ant-api03-', 'sk-ant-admin01-'], body: C.url, length: 93, suffix: { regex: 'AA', sample: 'AA' } }),
  prefixed({ id: 'huggingface-token', title: 'Hugging Face access token', prefix: ['hf_', 'api_org_'], body: C.letters, length: 34 }),
  prefixed({ id: 'replicate-api-token', title: 'Replicate API token', prefix: 'r8_', body: C.alnum, length: 37 }),
  prefixed({ id: 'groq-api-key', title: 'Groq API key', prefix: 'gsk_', body: C.alnum, length: 52 }),
  prefixed({ id: 'perplexity-api-key', title: 'Perplexity API key', prefix: 'pplx-', body: C.alnum, length: 48 }),
  prefixed({ id: 'xai-api-key', title: 'xAI API key', prefix: 'xai-', body: C.alnum, length: 80 }),
  prefixed({ id: 'openrouter-api-key', title: 'OpenRouter API key', prefix: 'sk-or-v1-', body: C.hex, length: 64 }),
  prefixed({ id: 'langsmith-api-key', title: 'LangSmith API key', prefix: ['lsv2_pt_', 'lsv2_sk_'], body: C.hex, length: 32, suffix: { regex: '_[a-f0-9]{10}', sample: (g) => `_${g.hex(10)}` } }),
  prefixed({ id: 'notion-token', title: 'Notion integration token', prefix: 'ntn_', body: C.alnum, length: 46 }),
  prefixed({ id: 'airtable-pat', title: 'Airtable personal access token', prefix: 'pat', body: C.alnum, length: 14, suffix: { regex: '\\.[a-f0-9]{64}', sample: (g) => `.${g.hex(64)}` }, keywords: ['pat'] }),
  prefixed({ id: 'linear-api-key', title: 'Linear API key', prefix: 'lin_api_', body: C.alnum, length: 40 }),
  prefixed({ id: 'figma-pat', title: 'Figma personal access token', prefix: 'figd_', body: C.url, length: 40 }),
  prefixed({ id: 'contentful-pat', title: 'Contentful personal access token', prefix: 'CFPAT-', body: C.url, length: 43 }),
  prefixed({ id: 'typeform-pat', title: 'Typeform personal access token', prefix: 'tfp_', body: C.url, length: 44, suffix: { regex: '_[A-Za-z0-9_-]{14}', sample: (g) => `_${g.urlSafe(14)}` } }),
  prefixed({ id: 'dropbox-token', title: 'Dropbox short-lived token', prefix: 'sl.', body: C.url, length: [130, 160] }),
  prefixed({ id: 'mapbox-secret-token', title: 'Mapbox secret token', prefix: 'sk.eyJ', body: C.url, length: [40, 120], suffix: { regex: '\\.[A-Za-z0-9_-]{22}', sample: (g) => `.${g.urlSafe(22)}` } }),
  prefixed({ id: 'onepassword-service-token', title: '1Password service account token', prefix: 'ops_eyJ', body: { cls: 'A-Za-z0-9+/=', alphabet: C.base64.alphabet }, length: [250, 900] }),
  prefixed({ id: 'hubspot-pat', title: 'HubSpot private app token', prefix: ['pat-na1-', 'pat-eu1-'], body: { cls: 'a-f0-9-', alphabet: '0123456789abcdef' }, length: 36, build: (g) => `pat-na1-${g.hex(8)}-${g.hex(4)}-${g.hex(4)}-${g.hex(4)}-${g.hex(12)}` }),
  prefixed({ id: 'adafruit-io-key', title: 'Adafruit IO key', prefix: 'aio_', body: C.alnum, length: 28 }),
  prefixed({ id: 'frameio-token', title: 'Frame.io API token', prefix: 'fio-u-', body: C.url, length: 64 }),
  prefixed({ id: 'twitter-bearer-token', title: 'Twitter / X bearer token', prefix: 'AAAAAAAAAAAAAAAAAAAAA', body: { cls: 'A-Za-z0-9%', alphabet: C.alnum.alphabet }, length: [50, 100] }),
  prefixed({ id: 'facebook-access-token', title: 'Facebook / Meta access token', prefix: 'EAACEdEose0cBA', body: C.alnum, length: [20, 200] }),
  prefixed({ id: 'facebook-page-access-token', title: 'Facebook / Meta page or user access token', prefix: ['EAAM', 'EAAC', 'EAAG', 'EAAI'], body: C.alnum, length: [100, 400] }),
  prefixed({ id: 'twilio-api-key', title: 'Twilio API key', prefix: 'SK', body: C.hex, length: 32, keywords: ['sk'] }),
  prefixed({ id: 'age-secret-key', title: 'age secret key', prefix: 'AGE-SECRET-KEY-1', body: { cls: 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', alphabet: 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L' }, length: 58, validate: isValidBech32, build: ageKey, quiet: [(g) => { const key = ageKey(g); return `key = "${key.slice(0, -1)}${key.endsWith('Q') ? 'P' : 'Q'}"`; }] }),
  prefixed({ id: 'shopify-custom-app-token', title: 'Shopify custom app token', prefix: 'shpcat_', body: { cls: 'a-fA-F0-9', alphabet: '0123456789abcdef' }, length: 32 }),
];
