/**
 * The projection runner on KurrentDB, its read models in SQLite beside it: run by `npm run test:kurrentdb`.
 */
import { describeProjectionRunner } from './support/projection-runner-cases';

describeProjectionRunner(['kurrentdb']);
