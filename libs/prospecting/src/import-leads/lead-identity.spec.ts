import { DocumentState } from '#libs/projections';
import { eventFactory } from '../../../projections/src/testing/event-factory';
import { CLEAR_IDENTITY, leadIdentityProjection, matchOf, type LeadIdentity } from './lead-identity';

const factory = eventFactory();
const event = (type: string, data: Record<string, unknown>) => factory(type, data, '2026-12-01T09:00:00Z');

const captured = (leadId: string, identity: { taxId?: string; email?: string; phone?: string }) =>
  event('LeadCaptured', { leadId, company: { name: 'Acme', taxId: identity.taxId }, contact: { name: 'Anna', email: identity.email, phone: identity.phone }, source: 'cold-call' });

/** The lead an identity matches in a state's `keys`. */
const findLead = (documents: DocumentState, identity: LeadIdentity) =>
  matchOf(identity, CLEAR_IDENTITY, new Map(Object.entries((documents.snapshot().keys ?? {}) as Record<string, unknown>)));

describe('lead-identity projection', () => {
  const projection = leadIdentityProjection(CLEAR_IDENTITY);

  it('keeps each key as the id of the first lead captured with it, and each lead as the keys it owns (strings and arrays, no objects)', () => {
    const documents = DocumentState.of(projection);
    projection.apply(documents, captured('l1', { taxId: ' 7701234567 ', email: 'Anna@Acme.example', phone: '8 (900) 123-45-67' }));
    projection.apply(documents, captured('l2', { email: 'anna@acme.example', phone: '+7 900 765 43 21' }));
    projection.apply(documents, captured('l3', { email: 'ANNA@acme.example' }));

    expect(documents.snapshot()).toEqual({
      keys: { 'email:anna@acme.example': 'l1', 'phone:79001234567': 'l1', 'phone:79007654321': 'l2', 'taxId:7701234567': 'l1' },
      leads: { l1: ['taxId:7701234567', 'email:anna@acme.example', 'phone:79001234567'], l2: ['phone:79007654321'] },
    });
    expect(findLead(documents, { email: ' anna@ACME.example ' })).toEqual({ leadId: 'l1', matchedOn: 'email' });
    expect(findLead(documents, { phone: '+79007654321' })).toEqual({ leadId: 'l2', matchedOn: 'phone' });
    expect(findLead(documents, { taxId: '0000' })).toBeUndefined();
  });

  it("drops an erased lead's keys, so that a later lead with them is found under its own id; other subjects change nothing", () => {
    const documents = DocumentState.of(projection);
    projection.apply(documents, captured('l1', { email: 'a@x.example', phone: '+7 900 000 00 01' }));
    projection.apply(documents, captured('l2', { email: 'b@x.example' }));
    projection.apply(documents, event('PersonalDataErased', { subjectId: 'rep-l2', reason: 'request' }));
    expect(documents.size('keys')).toBe(3);

    projection.apply(documents, event('PersonalDataErased', { subjectId: 'lead-l1', reason: 'request' }));
    expect(documents.snapshot()).toEqual({ keys: { 'email:b@x.example': 'l2' }, leads: { l2: ['email:b@x.example'] } });
    expect(findLead(documents, { email: 'a@x.example' })).toBeUndefined();

    projection.apply(documents, captured('l3', { email: 'a@x.example' }));
    expect(findLead(documents, { email: 'a@x.example' })).toEqual({ leadId: 'l3', matchedOn: 'email' });
  });

  it('persists its documents as JSON strings and arrays that load back as they were', () => {
    const documents = DocumentState.of(projection);
    projection.apply(documents, captured('l1', { email: 'a@x.example', phone: '+7 900 000 00 01' }));
    const reloaded = DocumentState.of(projection);
    for (const change of documents.takeChanges()) reloaded.load(change.collection, change.key, JSON.parse(change.json!));
    expect(reloaded.snapshot()).toEqual(documents.snapshot());
    expect(reloaded.get('keys', 'email:a@x.example')).toBe('l1');
  });
});
