/**
 * The whole department in one flow through HTTP, on SQLite and PostgreSQL (the story is in
 * support/department-story.ts; department-story-http.kurrentdb.ts runs it on KurrentDB).
 */
import { describeDepartmentStory } from './support/department-story';

describeDepartmentStory(['sqlite', 'postgres']);
