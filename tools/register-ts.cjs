// Runs the TypeScript sources without a build: `node --conditions=sales-ops-source -r ./tools/register-ts.cjs file.ts`.
// The npm scripts that run sources (cli, simulate, chaos, token…) and the tests' child processes load it. It replaces
// @swc-node/register, which loads the whole TypeScript compiler to read tsconfig.json: 0.4 s of every process start,
// paid by each of the ~150 processes a test run starts. The options below are tsconfig.json's, spelled out as SWC's
// (decorators and their metadata for NestJS, class fields defined as tsc's ES2023 output defines them). Each file's
// output is kept on disk under a hash of the options, its path and its source, so that a later process compiles only
// what changed. Source maps only when the process has them enabled (`NODE_OPTIONS=--enable-source-maps`: stack traces
// then name the TypeScript lines): parsing them costs a quarter of a second of each start.
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { tmpdir, userInfo } = require('node:os');
const { join } = require('node:path');
const { transformSync, version } = require('@swc/core');
const { addHook } = require('pirates');

const OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
    target: 'es2023',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: process.sourceMapsEnabled === true ? 'inline' : false,
  swcrc: false,
  configFile: false,
};
const OPTIONS_KEY = `${version}\0${JSON.stringify(OPTIONS)}`;
const CACHE_DIR = process.env.SALES_OPS_TS_CACHE_DIR || join(tmpdir(), `sales-ops-ts-${userInfo().uid}`);

function compile(source, filename) {
  const hash = createHash('sha256').update(OPTIONS_KEY).update('\0').update(filename).update('\0').update(source).digest('hex');
  const cached = join(CACHE_DIR, `${hash}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // Not compiled yet.
  }
  const { code } = transformSync(source, { ...OPTIONS, filename });
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    // Written beside it, then renamed: a process reading it concurrently sees the whole file or none.
    const partial = `${cached}.${process.pid}.partial`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
  } catch {
    // A cache that cannot be written only costs the next process a compile.
  }
  return code;
}

addHook(compile, { exts: ['.ts'], ignoreNodeModules: true });
