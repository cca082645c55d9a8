/** What other links use of build and push (the deploy pipeline chains them); everything else stays inside src/image. */
export { type BuildResult, buildImageFlow, formatBytes } from './build-flow.js';
export { type BuildSettings, parseBuildSettings } from './build-settings.js';
export { buildCommand, loginCommand, pushCommand } from './docker-commands.js';
export { readGitFacts } from './git-facts.js';
export { type PushResult, type PushSettings, parsePushSettings, pushImageFlow } from './push-flow.js';
export { formatReference, isValidTag, parseImageReference, type ImageReference } from './reference.js';
export { readServedImage, resolveServedDigest } from './registry-manifest.js';
export { versionOf } from './tags.js';
