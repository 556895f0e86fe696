import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eventCatalogueMarkdown } from './event-catalogue.markdown';

const target = resolve(__dirname, '../../../docs/event-catalogue.md');
writeFileSync(target, eventCatalogueMarkdown());
process.stdout.write(`wrote ${target}\n`);
