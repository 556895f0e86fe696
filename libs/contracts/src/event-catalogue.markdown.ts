/** Writes the catalogue as Markdown (docs/event-catalogue.md), so that people can read what code checks. */
import type { TSchema } from '@sinclair/typebox';
import { EVENT_CATALOGUE } from './event-catalogue';
import { PERSONAL_KEYWORD, type PersonalDataRule } from './privacy/personal-data';

export function eventCatalogueMarkdown(): string {
  const lines = [
    '# Event catalogue',
    '',
    'Generated from `libs/contracts` by `npm run -s catalogue`; a test fails when this file and the code differ.',
    'Every event is stored in the envelope described in the README (id, type, schema version, stream, revision,',
    'position, occurred-at, recorded-at, metadata with correlation id, causation id and actor).',
    'On Kafka, each context\'s events are published to its topic (`sales.prospecting.v1`, `sales.deal-closing.v1`,',
    '`sales.account-management.v1`, `sales.management.v1`, `sales.privacy.v1`) as CloudEvents keyed by stream id;',
    '`GET /asyncapi` describes the messages (see the README, section Kafka).',
    '',
    'Fields marked **personal** are personal data of a data subject: the store holds them encrypted with the',
    "subject's key, and once the subject is erased (PersonalDataErased) they read as erased everywhere (see the",
    'README, section Personal data). The subject of an event\'s personal fields is named under its table.',
    '',
  ];
  const contexts = [...new Set(EVENT_CATALOGUE.map((definition) => definition.context))];
  for (const context of contexts) {
    lines.push(`## ${context}`, '');
    for (const definition of EVENT_CATALOGUE.filter((each) => each.context === context)) {
      lines.push(`### ${definition.type} (v${definition.schemaVersion})`, '', definition.description, '');
      lines.push('| field | type | required |', '|---|---|---|');
      for (const [field, schema, required] of fields(definition.schema)) {
        const marker = (schema as Record<string, unknown>)[PERSONAL_KEYWORD] === true ? ' — **personal**' : '';
        lines.push(`| \`${field}\` | ${describe(schema)}${marker} | ${required ? 'yes' : 'no'} |`);
      }
      lines.push('');
      const rule = definition.personalData;
      if (rule !== undefined) lines.push(`Personal data of: ${subjectOf(rule)}.`, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function fields(schema: TSchema, prefix = ''): Array<[string, TSchema, boolean]> {
  const properties = (schema.properties ?? {}) as Record<string, TSchema>;
  const required = new Set<string>((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).flatMap(([name, property]): Array<[string, TSchema, boolean]> => {
    const path = `${prefix}${name}`;
    const own: [string, TSchema, boolean] = [path, property, required.has(name)];
    if (property.type === 'object') return [own, ...fields(property, `${path}.`)];
    const items = property.items as TSchema | undefined;
    if (property.type === 'array' && items?.type === 'object') return [own, ...fields(items, `${path}[].`)];
    return [own];
  });
}

function describe(schema: TSchema): string {
  if (schema.anyOf) return (schema.anyOf as TSchema[]).map((option) => (option.const === undefined ? describe(option) : `\`${String(option.const)}\``)).join(' \\| ');
  if (schema.type === 'array') return `array of ${describe(schema.items as TSchema)}`;
  if (schema.type === 'object') return 'object';
  const limits = [
    schema.pattern ? `pattern \`${String(schema.pattern).replace(/\|/g, '\\|')}\`` : '',
    schema.minimum !== undefined ? `≥ ${String(schema.minimum)}` : '',
    schema.maxLength !== undefined ? `≤ ${String(schema.maxLength)} chars` : '',
  ].filter(Boolean);
  return `${String(schema.type)}${limits.length ? ` (${limits.join(', ')})` : ''}`;
}

/** The rule, said with placeholders: `deal-<dealId>`, sharing the subject of `lead-<leadId>`. */
function subjectOf(rule: PersonalDataRule): string {
  const placeholders = new Proxy({}, { get: (_target, name) => `<${String(name)}>` }) as Record<string, unknown>;
  const owner = `\`${rule.owner(placeholders)}\``;
  const from = rule.inheritsFrom?.(placeholders);
  if (rule.root) return `${owner}, its own subject`;
  return from === undefined ? `the subject of ${owner} (its own, or the one it was opened from)` : `${owner}, which shares the subject of ${`\`${from}\``}`;
}
