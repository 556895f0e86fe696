/**
 * The call scripts in use: the latest version of every script not retired, what a lead generator reads beside
 * the contact-attempt form (and records the version of). A projection of the script streams, persisted and
 * followed like the lead identities (call-script-catalogue.host.ts), so listing them reads no history.
 */
import type { Static } from '@sinclair/typebox';
import type { CallScriptPublished, CallScriptRetired } from '#libs/contracts';
import { defineProjection, fieldsOf, type DocumentReader, type DocumentWriter, type ProjectionDefinition } from '#libs/projections';

/** A script in use (collection `scripts`, keyed by script id): its latest version. */
export interface ActiveCallScript {
  readonly scriptId: string;
  readonly version: number;
  readonly title: string;
  readonly steps: readonly string[];
  /** When this version was published, ISO 8601. */
  readonly publishedAt: string;
}

export const callScriptCatalogue: ProjectionDefinition = defineProjection({
  name: 'call-scripts',
  version: 1,
  description: 'The latest version of every call script in use, for the lead generators\' contact-attempt form',
  collections: ['scripts'],
  documentFields: { scripts: fieldsOf<ActiveCallScript>()('scriptId', 'version', 'title', 'steps', 'publishedAt') },
  on: {
    CallScriptPublished: (documents: DocumentWriter, event) => {
      const { scriptId, version, title, steps } = event.data as Static<typeof CallScriptPublished.schema>;
      const publishedAt = event.occurredAt.toISOString();
      documents.put('scripts', scriptId, { scriptId, version, title, steps, publishedAt } satisfies ActiveCallScript);
    },
    CallScriptRetired: (documents: DocumentWriter, event) => {
      documents.delete('scripts', (event.data as Static<typeof CallScriptRetired.schema>).scriptId);
    },
  },
});

/** The scripts in use, by title. */
export function activeCallScripts(documents: DocumentReader): ActiveCallScript[] {
  return [...documents.values<ActiveCallScript>('scripts')].sort((a, b) => a.title.localeCompare(b.title) || a.scriptId.localeCompare(b.scriptId));
}
