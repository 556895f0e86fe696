import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EVENT_CATALOGUE, EventSchemaViolationError, checkEventData } from './event-catalogue';
import { eventCatalogueMarkdown } from './event-catalogue.markdown';

describe('event catalogue', () => {
  it('names every type once, past tense, with a version and a description', () => {
    const types = EVENT_CATALOGUE.map((definition) => definition.type);
    expect(new Set(types).size).toBe(types.length);
    for (const definition of EVENT_CATALOGUE) {
      expect(definition.type).toMatch(/^[A-Z][A-Za-z]+(ed|Off|Won|Lost|Held|Sent|Set|NoShow|Left)((To|From)[A-Z][a-z]+)?$/);
      expect(definition.schemaVersion).toBeGreaterThanOrEqual(1);
      // A version n is read from any older one: n − 1 upcasters, one a step.
      expect(definition.upcasters?.length ?? 0).toBe(definition.schemaVersion - 1);
      expect(definition.description.length).toBeGreaterThan(10);
      expect(definition.schema).toMatchObject({ type: 'object', additionalProperties: false });
    }
  });

  it('accepts valid data and names what is wrong with invalid data', () => {
    expect(() =>
      checkEventData('LeadCaptured', {
        leadId: 'lead-1',
        company: { name: 'ООО «Ромашка»', taxId: '7707083893' },
        contact: { phone: '+7 495 123-45-67' },
        source: 'import',
      }),
    ).not.toThrow();
    let error: unknown;
    try {
      checkEventData('LeadCaptured', { leadId: '', company: { name: 'x', taxId: '12' }, contact: {}, source: 'fax', extra: 1 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EventSchemaViolationError);
    expect((error as Error).message).toMatch(/LeadCaptured does not match its schema: .*\/leadId/);
    expect(() => checkEventData('NoSuchThing', {})).toThrow(/no such event type/);
  });
});

describe('docs/event-catalogue.md', () => {
  it('says what the code checks (regenerate with npm run -s catalogue)', () => {
    const written = readFileSync(resolve(__dirname, '../../../docs/event-catalogue.md'), 'utf8');
    expect(written).toBe(eventCatalogueMarkdown());
  });
});
