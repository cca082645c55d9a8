import { Detector } from '../../../src/scan/detect.js';
import { builtinRules } from '../../../src/scan/rules/index.js';
import { seededGenerator } from './corpus.js';

// Seed 003: a database password, an API key and SMTP credentials in deploy
// scripts, next to placeholders that were fine. The PR check must tell them apart.
describe('seed 003: hard-coded credentials in deploy scripts', () => {
  const g = seededGenerator();
  const script = [
    '#!/bin/bash',
    'set -e',
    `export DATABASE_URL="postgres://avnadmin:AVNS_${g.urlSafe(24)}@pg-air-demand.aivencloud.com:12345/defaultdb?sslmode=require"`,
    `export OPENROUTER_API_KEY="sk-or-v1-${g.hex(64)}"`,
    'export SMTP_USER="alerts@example.net"',
    `export SMTP_PASS="${g.alnum(8)}!${g.digits(4)}"`,
    'OPENROUTER_API_KEY=${OPENROUTER_API_KEY:-"your_key_here"}',
    'export GITHUB_TOKEN="your_github_token"',
    'echo $GITHUB_TOKEN | ssh root@$STAGING_IP "cat > /tmp/github_token.txt"',
    'ssh root@$STAGING_IP "export GITHUB_TOKEN=\\$(cat /tmp/github_token.txt) && bash /tmp/deploy.sh"',
    'ssh root@$STAGING_IP "cat /root/air-demand/.env | grep -v PASSWORD | grep -v TOKEN | grep -v KEY"',
  ].join('\n');

  it('catches the password, the API key and the SMTP password, and nothing else', () => {
    const findings = new Detector({ rules: builtinRules }).detect(script, 'deploy-do-droplet-staging.sh');
    expect(findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual([
      '3 aiven-service-password',
      '4 openrouter-api-key',
      '6 generic-secret',
    ]);
  });
});
