/**
 * The department story on KurrentDB, read models and keys in SQLite beside it: run by `npm run test:kurrentdb`.
 */
import { describeDepartmentStory } from './support/department-story';

describeDepartmentStory(['kurrentdb']);
