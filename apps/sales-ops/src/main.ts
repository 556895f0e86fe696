import { Logger } from '@nestjs/common';
import { bootstrap } from './bootstrap';

bootstrap().then(
  ({ config, url }) => {
    const store = config.eventStoreUrl.replace(/\/\/[^@/]*@/, '//…@');
    new Logger('SalesOps').log(`listening on ${url} (event store ${store}); GET ${url}/health`);
  },
  (error: unknown) => {
    console.error(`Sales-ops did not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
