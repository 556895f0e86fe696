// Jest runs TypeScript through SWC and turns the ESM-only packages NestJS 12 and uuid ship into
// CommonJS: on Node 20 Jest cannot require() an ES module by itself (it can from Node 24.9).
const esmPackages = ['@nestjs', 'uuid', 'jose', 'openid-client', 'oauth4webapi'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30_000,
  // The files run in a worker process that is replaced once it holds more than this after a file, not in Jest's own
  // process (what one worker otherwise means). In band, the ~140 files' modules and apps accumulated in one heap,
  // and the CPU-heavy files late in the run ran 2-4x slower than alone or in CI's shorter Node 24 run (as-of-ladder
  // 34 s vs 12 s, read-side-concurrency 61 s vs 15 s).
  workerIdleMemoryLimit: '1GB',
  moduleNameMapper: { '^#libs/(.*)$': '<rootDir>/libs/$1/src/index.ts' },
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2023',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
};
