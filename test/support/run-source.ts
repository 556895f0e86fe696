import { resolve } from 'node:path';

/**
 * Node's arguments for a child process that runs a TypeScript source of this repository (the file and its
 * arguments follow): `#libs/*` resolved to the sources, and compiled on load by tools/register-ts.cjs.
 */
export const SOURCE_ARGS: readonly string[] = ['--conditions=sales-ops-source', '-r', resolve(__dirname, '..', '..', 'tools', 'register-ts.cjs')];
