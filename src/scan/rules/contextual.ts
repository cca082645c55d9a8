// Values with no prefix of their own: a secret only when the provider's name sits
// next to them (`DATADOG_API_KEY=<32 hex>`).
import type { Rule } from '../types.js';
import { CHARSETS as C, contextual } from './shapes.js';

const UUID = { cls: 'a-fA-F0-9-', alphabet: '0123456789abcdef' };
const uuidShaped = (secret: string): boolean => /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/i.test(secret);
const uuidRule = (id: string, title: string, names: string[], sampleName: string): Rule => {
  const rule = contextual({ id, title, names, body: UUID, length: 36, keywords: [sampleName.split('_')[0].toLowerCase()], sampleName, validate: uuidShaped, minEntropy: 2.5 });
  // Samples are real UUID shapes.
  rule.samples.match = [(g) => `${sampleName}="${g.hex(8)}-${g.hex(4)}-4${g.hex(3)}-a${g.hex(3)}-${g.hex(12)}"`];
  return rule;
};

export const contextualRules: Rule[] = [
  contextual({ id: 'aws-secret-access-key', title: 'AWS secret access key', names: ['aws_?secret_?access_?key', 'aws_?secret', 'secret_?access_?key', 'aws.{0,20}secret'], between: '[a-z0-9_.-]{0,20}', body: C.base64, length: 40, keywords: ['aws', 'secret_access_key', 'secretaccesskey'], sampleName: 'AWS_SECRET_ACCESS_KEY', validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s) }),
  contextual({ id: 'azure-storage-account-key', title: 'Azure storage account key', names: ['accountkey', 'azure_?storage_?(?:account_?)?key'], between: '', body: C.base64, length: 86, keywords: ['accountkey', 'azure'], sampleName: 'AccountKey', validate: () => true }),
  contextual({ id: 'datadog-api-key', title: 'Datadog API key', names: ['datadog_?api_?key', 'dd_?api_?key'], between: '', body: C.hex, length: 32, keywords: ['datadog', 'dd_api', 'ddapi'], sampleName: 'DD_API_KEY' }),
  contextual({ id: 'datadog-app-key', title: 'Datadog application key', names: ['datadog_?app(?:lication)?_?key', 'dd_?app(?:lication)?_?key'], between: '', body: C.hex, length: 40, keywords: ['datadog', 'dd_app', 'ddapp'], sampleName: 'DD_APP_KEY' }),
  uuidRule('heroku-api-key', 'Heroku API key', ['heroku_?api_?key', 'heroku_?token', 'heroku_?key'], 'HEROKU_API_KEY'),
  contextual({ id: 'cloudflare-api-token', title: 'Cloudflare API token', names: ['cloudflare_?api_?token', 'cf_?api_?token', 'cloudflare_?token'], between: '', body: C.url, length: 40, keywords: ['cloudflare', 'cf_api'], sampleName: 'CLOUDFLARE_API_TOKEN' }),
  contextual({ id: 'cloudflare-global-api-key', title: 'Cloudflare global API key', names: ['cloudflare_?api_?key', 'cf_?api_?key', 'cloudflare_?global_?key'], between: '', body: C.hex, length: 37, keywords: ['cloudflare', 'cf_api'], sampleName: 'CLOUDFLARE_API_KEY' }),
  contextual({ id: 'algolia-admin-key', title: 'Algolia admin API key', names: ['algolia_?(?:admin_?|write_?)?(?:api_?)?key'], between: '', body: C.hex, length: 32, keywords: ['algolia'], sampleName: 'ALGOLIA_ADMIN_KEY' }),
  contextual({ id: 'twilio-auth-token', title: 'Twilio auth token', names: ['twilio_?auth_?token', 'twilio_?token'], between: '', body: C.hex, length: 32, keywords: ['twilio'], sampleName: 'TWILIO_AUTH_TOKEN' }),
  contextual({ id: 'mailjet-secret-key', title: 'Mailjet secret key', names: ['mailjet_?(?:api_?)?secret(?:_?key)?', 'mj_?apikey_?private'], between: '', body: C.hex, length: 32, keywords: ['mailjet', 'mj_apikey'], sampleName: 'MAILJET_SECRET_KEY' }),
  uuidRule('postmark-server-token', 'Postmark server token', ['postmark_?(?:server_?|api_?)?token', 'postmark_?api_?key'], 'POSTMARK_SERVER_TOKEN'),
  uuidRule('snyk-token', 'Snyk API token', ['snyk_?(?:api_?)?token', 'snyk_?api_?key'], 'SNYK_TOKEN'),
  uuidRule('codecov-token', 'Codecov upload token', ['codecov_?token'], 'CODECOV_TOKEN'),
  uuidRule('opsgenie-api-key', 'Opsgenie API key', ['opsgenie_?(?:api_?)?key'], 'OPSGENIE_API_KEY'),
  uuidRule('pinecone-api-key', 'Pinecone API key', ['pinecone_?api_?key'], 'PINECONE_API_KEY'),
  contextual({ id: 'okta-api-token', title: 'Okta API token', names: ['okta_?(?:api_?)?token', 'okta_?api_?key'], between: '', body: C.url, length: 42, keywords: ['okta'], sampleName: 'OKTA_API_TOKEN', validate: (s) => s.startsWith('00') }),
  contextual({ id: 'vercel-token', title: 'Vercel access token', names: ['vercel_?(?:api_?|access_?)?token', 'now_?token'], between: '', body: C.alnum, length: 24, keywords: ['vercel', 'now_token'], sampleName: 'VERCEL_TOKEN' }),
  contextual({ id: 'linode-token', title: 'Linode API token', names: ['linode_?(?:api_?|cli_?)?token'], between: '', body: C.hex, length: 64, keywords: ['linode'], sampleName: 'LINODE_TOKEN' }),
  contextual({ id: 'vultr-api-key', title: 'Vultr API key', names: ['vultr_?api_?key'], between: '', body: C.upper, length: 36, keywords: ['vultr'], sampleName: 'VULTR_API_KEY' }),
  contextual({ id: 'hetzner-api-token', title: 'Hetzner Cloud API token', names: ['hcloud_?token', 'hetzner_?(?:api_?)?token'], between: '', body: C.alnum, length: 64, keywords: ['hcloud', 'hetzner'], sampleName: 'HCLOUD_TOKEN' }),
  contextual({ id: 'forgejo-token', title: 'Forgejo / Gitea access token', names: ['forgejo_?(?:access_?)?token', 'gitea_?(?:access_?)?token', 'codeberg_?token'], between: '', body: C.hex, length: 40, keywords: ['forgejo', 'gitea', 'codeberg'], sampleName: 'FORGEJO_TOKEN' }),
  contextual({ id: 'travis-ci-token', title: 'Travis CI token', names: ['travis_?(?:api_?)?token'], between: '', body: C.url, length: 22, keywords: ['travis'], sampleName: 'TRAVIS_TOKEN' }),
  contextual({ id: 'honeycomb-api-key', title: 'Honeycomb API key', names: ['honeycomb_?(?:api_?|write_?)?key', 'honeycomb_?team'], between: '', body: C.alnum, length: [22, 32], keywords: ['honeycomb'], sampleName: 'HONEYCOMB_API_KEY' }),
  contextual({ id: 'pagerduty-token', title: 'PagerDuty API token', names: ['pagerduty_?(?:api_?)?(?:token|key)'], between: '', body: C.url, length: 20, keywords: ['pagerduty'], sampleName: 'PAGERDUTY_TOKEN' }),
  contextual({ id: 'segment-write-key', title: 'Segment write key', names: ['segment_?write_?key'], between: '', body: C.alnum, length: 32, keywords: ['segment'], sampleName: 'SEGMENT_WRITE_KEY' }),
  contextual({ id: 'mixpanel-api-secret', title: 'Mixpanel API secret', names: ['mixpanel_?(?:api_?)?secret'], between: '', body: C.hex, length: 32, keywords: ['mixpanel'], sampleName: 'MIXPANEL_API_SECRET' }),
  contextual({ id: 'spotify-client-secret', title: 'Spotify client secret', names: ['spotify_?client_?secret'], between: '', body: C.hex, length: 32, keywords: ['spotify'], sampleName: 'SPOTIFY_CLIENT_SECRET' }),
  contextual({ id: 'github-oauth-client-secret', title: 'GitHub OAuth app client secret', names: ['github_?(?:oauth_?)?client_?secret', 'gh_?client_?secret'], between: '', body: C.hex, length: 40, keywords: ['github', 'gh_client'], sampleName: 'GITHUB_CLIENT_SECRET' }),
  contextual({ id: 'cohere-api-key', title: 'Cohere API key', names: ['cohere_?api_?key', 'co_?api_?key'], between: '', body: C.alnum, length: 40, keywords: ['cohere', 'co_api'], sampleName: 'COHERE_API_KEY' }),
  contextual({ id: 'mistral-api-key', title: 'Mistral API key', names: ['mistral_?api_?key'], between: '', body: C.alnum, length: 32, keywords: ['mistral'], sampleName: 'MISTRAL_API_KEY' }),
  contextual({ id: 'deepseek-api-key', title: 'DeepSeek API key', names: ['deepseek_?api_?key'], between: '', body: { cls: 'a-f0-9sk-', alphabet: '0123456789abcdef' }, length: [35, 35], keywords: ['deepseek'], sampleName: 'DEEPSEEK_API_KEY', validate: (s) => /^sk-[a-f0-9]{32}$/.test(s) }),
  contextual({ id: 'ngrok-authtoken', title: 'ngrok authtoken', names: ['ngrok_?auth_?token', 'authtoken'], between: '', body: C.url, length: [43, 49], keywords: ['ngrok', 'authtoken'], sampleName: 'NGROK_AUTHTOKEN' }),
  contextual({ id: 'zendesk-api-token', title: 'Zendesk API token', names: ['zendesk_?(?:api_?)?token'], between: '', body: C.alnum, length: 40, keywords: ['zendesk'], sampleName: 'ZENDESK_API_TOKEN' }),
  contextual({ id: 'intercom-access-token', title: 'Intercom access token', names: ['intercom_?(?:access_?)?token'], between: '', body: C.url, length: 60, keywords: ['intercom'], sampleName: 'INTERCOM_ACCESS_TOKEN' }),
  contextual({ id: 'sumologic-access-key', title: 'Sumo Logic access key', names: ['sumo_?(?:logic_?)?access_?key'], between: '', body: C.alnum, length: 64, keywords: ['sumo'], sampleName: 'SUMO_ACCESS_KEY' }),
  // Discord client secrets are 32 URL-safe characters, some of them all digits (so no class mix is asked for).
  contextual({ id: 'discord-client-secret', title: 'Discord client secret', names: ['discord_?(?:oauth_?)?client_?secret', 'discord_?secret'], between: '', body: C.url, length: 32, keywords: ['discord'], sampleName: 'DISCORD_CLIENT_SECRET', minEntropy: 2.5 }),
  contextual({ id: 'facebook-app-secret', title: 'Facebook / Meta app secret', names: ['facebook_?(?:app_?|client_?)?secret', 'fb_?(?:app_?|client_?)?secret', 'meta_?app_?secret'], between: '', body: C.hex, length: 32, keywords: ['facebook', 'fb_', 'meta_app'], sampleName: 'FACEBOOK_APP_SECRET' }),
  // An app access token is `<app id>|<app secret>` (the bar also URL-encoded): only beside a Facebook name.
  contextual({ id: 'facebook-app-access-token', title: 'Facebook / Meta app access token', names: ['facebook_?(?:app_?)?(?:access_?)?token', 'fb_?(?:app_?)?(?:access_?)?token'], between: '', body: { cls: 'A-Za-z0-9_|%-', alphabet: C.alnum.alphabet }, length: [43, 60], keywords: ['facebook', 'fb_'], sampleName: 'FB_APP_ACCESS_TOKEN', validate: (s) => /^\d{15,16}(?:\||%7C)[A-Za-z0-9_-]{27,40}$/.test(s) }),
  uuidRule('hubspot-api-key', 'HubSpot API key', ['hubspot_?(?:api_?)?key', 'hapikey'], 'HUBSPOT_API_KEY'),
  uuidRule('kucoin-secret-key', 'KuCoin API secret', ['kucoin_?(?:api_?)?secret(?:_?key)?'], 'KUCOIN_API_SECRET'),
  uuidRule('squarespace-access-token', 'Squarespace API key', ['squarespace_?(?:access_?|api_?)?(?:token|key)'], 'SQUARESPACE_API_KEY'),
  // Legacy Vault tokens (`s.` / `b.` + 24 characters) carry no strong prefix: only beside a Vault name.
  contextual({ id: 'vault-legacy-token', title: 'HashiCorp Vault token (legacy)', names: ['vault_?(?:root_?|auth_?|client_?)?token', 'x-vault-token'], between: '', body: { cls: 'A-Za-z0-9.', alphabet: C.alnum.alphabet }, length: 26, keywords: ['vault'], sampleName: 'VAULT_TOKEN', validate: (s) => /^[sb]\.[A-Za-z0-9]{24}$/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s) }),
  contextual({ id: 'launchdarkly-sdk-key', title: 'LaunchDarkly SDK key', names: ['launchdarkly_?(?:sdk_?)?key', 'ld_?sdk_?key'], between: '', body: { cls: 'a-z0-9-', alphabet: '0123456789abcdef' }, length: 40, keywords: ['launchdarkly', 'ld_sdk'], sampleName: 'LAUNCHDARKLY_SDK_KEY', validate: (s) => /^sdk-[a-f0-9-]{36}$/.test(s) }),
];

// Samples for rules whose value is not plain random text.
const fix = (id: string, build: Rule['samples']['match'][number]): void => {
  const rule = contextualRules.find((r) => r.id === id);
  if (rule) rule.samples.match = [build];
};
fix('facebook-app-access-token', (g) => `FB_APP_ACCESS_TOKEN="${g.digits(15)}|${g.urlSafe(27)}"`);
fix('vault-legacy-token', (g) => `export VAULT_TOKEN=s.${g.alnum(22)}Q7`);
fix('discord-client-secret', (g) => `DISCORD_CLIENT_SECRET="${g.digits(32)}"`);
fix('okta-api-token', (g) => `OKTA_API_TOKEN=00${g.urlSafe(40)}`);
fix('deepseek-api-key', (g) => `DEEPSEEK_API_KEY="sk-${g.hex(32)}"`);
fix('launchdarkly-sdk-key', (g) => `LAUNCHDARKLY_SDK_KEY: sdk-${g.hex(8)}-${g.hex(4)}-${g.hex(4)}-${g.hex(4)}-${g.hex(12)}`);
fix('azure-storage-account-key', (g) => `DefaultEndpointsProtocol=https;AccountName=prodfiles;AccountKey=${g.base64(86)}==;EndpointSuffix=core.windows.net`);
fix('aws-secret-access-key', (g) => `aws_secret_access_key = ${g.base64(36)}aB3/`);
