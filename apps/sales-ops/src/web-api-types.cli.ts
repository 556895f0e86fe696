/**
 * Writes the web front end's API types from the app's OpenAPI document: npm run -s web:api-types
 * With --check it writes nothing and exits 1 when the committed file is stale (the tests run it so).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { WEB_API_TYPES_FILE, webApiTypes } from './web-api-types';

const check = process.argv.includes('--check');

webApiTypes().then(
  (types) => {
    if (check) {
      const stale = readFileSync(WEB_API_TYPES_FILE, 'utf8') !== types;
      process.stdout.write(stale ? `${WEB_API_TYPES_FILE} is stale: run npm run -s web:api-types\n` : `${WEB_API_TYPES_FILE} is current\n`);
      process.exit(stale ? 1 : 0);
    }
    writeFileSync(WEB_API_TYPES_FILE, types);
    process.stdout.write(`wrote ${WEB_API_TYPES_FILE}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`web:api-types: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
