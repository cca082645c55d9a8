// Where we run is data every layer reads (src/core/platform.ts); the edges keep importing it from here.
export { describeActor, detectPlatform, type PlatformInfo, type PlatformKind } from '../core/platform.js';
