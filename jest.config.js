// Tests are TypeScript run as ESM (the @actions/* packages are ESM-only).
// swc strips types only; `npm run typecheck` is what checks them.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'es6' } }],
  },
  testTimeout: 120000,
  // Integration tests share one Docker engine, registry and sshd set: run files one at a time.
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/test/support/count-reporter.cjs'],
};
