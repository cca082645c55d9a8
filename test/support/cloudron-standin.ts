// The Cloudron stand-in lives in src/demo so `slipway demo` can run it too; tests import it from here.
export { startCloudronStandin, makeStandinCertificates, type CloudronStandin, type StandinOptions, type RecordedRequest } from '../../src/demo/cloudron-standin.js';
