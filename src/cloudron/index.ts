/**
 * Cloudron as a deploy target: the REST API from the runner with a token
 * (docs/cloudron.md). `runCloudron(parseCloudronSettings(inputs, workDir), context)`.
 */
export { cloudronFlow, cloudronOutputs, cloudronSummary } from './flow.js';
export { runCloudron, preUpdateBackup, newestBackupBelow, type CloudronResult } from './deploy.js';
export { parseCloudronSettings, CLOUDRON_MODES, type CloudronSettings, type CloudronMode } from './settings.js';
export { CloudronClient, CloudronApiError, type CloudronEndpoint } from './client.js';
export { CloudronApi, type CloudronApp, type CloudronBackup, type CloudronTask, type CloudronManifest } from './api.js';
export { compareVersions, manifestVersion } from './manifest.js';
export { planCloudron } from './plan.js';
