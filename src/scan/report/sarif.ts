import type { Finding } from '../types.js';
import type { SkippedFile } from './summary.js';

/** SARIF 2.1.0 for code-scanning upload. Messages carry the redacted form only. */
export function toSarif(findings: readonly Finding[], toolVersion: string, skipped: readonly SkippedFile[] = []): object {
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  const titles = new Map(findings.map((f) => [f.ruleId, f.title]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'slipway-secret-scan',
            informationUri: 'https://github.com/slipway/slipway/blob/main/docs/secret-scan.md',
            version: toolVersion,
            rules: ruleIds.map((id) => ({
              id,
              name: id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: titles.get(id) ?? id },
              fullDescription: { text: `${titles.get(id) ?? id} committed to the repository.` },
              help: { text: 'Revoke the credential at its provider, then remove it from the code (and from history if the repository is public). Use a secret store or CI secrets instead.' },
              defaultConfiguration: { level: 'error' },
              properties: { tags: ['security', 'secret'], 'security-severity': '8.0' },
            })),
          },
        },
        // A skipped file is not a result (nothing was found) but the reader must know it was not read.
        invocations: [{
          executionSuccessful: true,
          toolExecutionNotifications: skipped.map((f) => ({
            descriptor: { id: 'file-not-scanned' },
            level: 'warning',
            message: { text: `Not scanned: ${f.path}${f.commit ? ` at commit ${f.commit.slice(0, 12)}` : ''} (${f.bytes} bytes): ${f.reason}` },
            locations: [{ physicalLocation: { artifactLocation: { uri: f.path, uriBaseId: '%SRCROOT%' } } }],
          })),
        }],
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIds.indexOf(f.ruleId),
          level: f.baselined ? 'note' : 'error',
          message: { text: `${f.title}: ${f.redacted}${f.commit ? ` (commit ${f.commit.slice(0, 12)})` : ''}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: f.path, uriBaseId: '%SRCROOT%' }, region: { startLine: f.line, startColumn: f.column } } }],
          partialFingerprints: { 'slipwaySecret/v1': f.fingerprint },
          ...(f.baselined ? { baselineState: 'unchanged' } : {}),
        })),
      },
    ],
  };
}
