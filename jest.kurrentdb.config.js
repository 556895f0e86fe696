// `npm run test:kurrentdb`: the conformance suite, the department story and the projection runner on a real
// KurrentDB — KURRENTDB_URL, else a container through testcontainers (test/support/kurrentdb-server.ts). Where
// neither exists the run fails in its global setup with one message saying why. `npm test` runs it first where
// one is reachable (test/support/kurrentdb-if-reachable.js), and else ends saying it did not run.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.kurrentdb.ts'],
  globalSetup: '<rootDir>/test/support/kurrentdb-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/kurrentdb-global-teardown.ts',
  testTimeout: 60_000,
};
