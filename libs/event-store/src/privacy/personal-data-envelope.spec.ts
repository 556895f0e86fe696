import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { SEALED_MEMBER, erasedAsNull, openFields, sealFields, valueAt, withFields } from './personal-data-envelope';
import { randomBytesFromPool } from '../random-pool';

const PATHS = [['company', 'taxId'], ['contact', 'name'], ['contact', 'email'], ['contact', 'phone'], ['note']] as const;

/** Event data shaped like the catalogue's: some personal fields present, others absent, other members beside them. */
const eventData = fc.record(
  {
    leadId: fc.uuid(),
    company: fc.record({ name: fc.string(), taxId: fc.string({ minLength: 1 }) }, { requiredKeys: ['name'] }),
    contact: fc.record({ name: fc.string({ minLength: 1 }), email: fc.emailAddress(), phone: fc.string({ minLength: 1 }), role: fc.string() }, { requiredKeys: [] }),
    note: fc.string({ minLength: 1 }),
    estimatedValue: fc.record({ amount: fc.nat(), currency: fc.constant('RUB') }),
  },
  { requiredKeys: ['leadId', 'company', 'estimatedValue'] },
);

describe('withFields', () => {
  it('takes the personal fields out and puts them back: the same data, the input untouched', () => {
    fc.assert(
      fc.property(eventData, (data) => {
        const before = structuredClone(data);
        const present = PATHS.filter((path) => valueAt(data, path) !== undefined);
        const values = present.map((path) => valueAt(data, path));
        const without = withFields(data, present, present.map(() => undefined));
        for (const path of present) expect(valueAt(without, path)).toBeUndefined();
        expect(without.leadId).toBe(data.leadId);
        expect(without.estimatedValue).toBe(data.estimatedValue); // members off the paths are shared, not copied
        expect(withFields({ ...without, [SEALED_MEMBER]: { s: 'x' } }, present, values)).toEqual(data);
        expect(data).toEqual(before);
      }),
    );
  });

  it('creates the objects on a path to a value, keeps a non-object on a path when only removing, drops the sealed member', () => {
    expect(withFields({ a: 1, [SEALED_MEMBER]: { s: 'x' } }, [['contact', 'name']], ['Анна'])).toEqual({ a: 1, contact: { name: 'Анна' } });
    expect(withFields({ contact: null }, [['contact', 'name']], [undefined])).toEqual({ contact: null });
    expect(withFields({ contact: 'text' }, [['contact', 'name']], ['Анна'])).toEqual({ contact: { name: 'Анна' } });
    expect(withFields({ contact: { name: 'Анна', role: 'CEO' } }, [['contact', 'name']], [undefined])).toEqual({ contact: { role: 'CEO' } });
  });

  it('shows erased fields as null, with the sealed member gone', () => {
    const data = { leadId: 'l', contact: { role: 'CEO' }, [SEALED_MEMBER]: { s: 'lead-l', f: ['contact.name', 'note'], erased: true } };
    expect(erasedAsNull(data, ['contact.name', 'note'])).toEqual({ leadId: 'l', contact: { role: 'CEO', name: null }, note: null });
    expect(erasedAsNull(data, [])).toBe(data);
  });
});

describe('sealFields', () => {
  it('opens what it sealed, is the same bytes when sealed again, and refuses another event id', () => {
    const key = randomBytes(32);
    const values = ['Анна Петрова', 'anna@example.ru', null];
    const sealed = sealFields(key, 'event-1', 'lead-1', ['contact.name', 'contact.email', 'note'], values);
    expect(openFields(key, 'event-1', sealed)).toEqual(values);
    expect(sealFields(key, 'event-1', 'lead-1', ['contact.name', 'contact.email', 'note'], values)).toEqual(sealed);
    expect(JSON.stringify(sealed)).not.toContain('anna@example.ru');
    expect(() => openFields(key, 'event-2', sealed)).toThrow();
    expect(() => openFields(randomBytes(32), 'event-1', sealed)).toThrow();
  });

  it('keeps the stored format: nonce = HMAC-SHA256(key, event id, newline, JSON of the values), AAD = event id, newline, subject', () => {
    const key = randomBytes(32);
    const values = ['Иван', { phone: '+7 912 000-00-00' }];
    for (const subjectId of ['lead-1', `lead-${'я'.repeat(400)}`]) {
      const sealed = sealFields(key, 'event-9', subjectId, ['a', 'b'], values);
      const iv = createHmac('sha256', key).update('event-9').update('\n').update(Buffer.from(JSON.stringify(values), 'utf8')).digest().subarray(0, 12);
      expect(sealed.iv).toBe(iv.toString('base64url'));
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(`event-9\n${subjectId}`, 'utf8'));
      const ct = Buffer.concat([cipher.update(Buffer.from(JSON.stringify(values), 'utf8')), cipher.final(), cipher.getAuthTag()]);
      expect(sealed.ct).toBe(ct.toString('base64url'));
    }
  });

  it('seals one event after another without one seal changing another (the AAD buffer is reused)', () => {
    const key = randomBytes(32);
    const first = sealFields(key, 'event-long-long-long-1', 'lead-long-long-long-1', ['note'], ['один']);
    const second = sealFields(key, 'e2', 'l2', ['note'], ['два']);
    expect(openFields(key, 'event-long-long-long-1', first)).toEqual(['один']);
    expect(openFields(key, 'e2', second)).toEqual(['два']);
  });
});

describe('randomBytesFromPool', () => {
  it('draws fresh bytes of the size asked, never the same twice, across refills', () => {
    const seen = new Set<string>();
    for (let draw = 0; draw < 1_000; draw++) {
      const bytes = randomBytesFromPool(draw % 2 === 0 ? 32 : 12);
      expect(bytes.length).toBe(draw % 2 === 0 ? 32 : 12);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(1_000);
    expect(randomBytesFromPool(10_000).length).toBe(10_000);
  });

  it('hands out a copy: a later draw does not change a key drawn before', () => {
    const key = randomBytesFromPool(32);
    const copy = Buffer.from(key);
    for (let draw = 0; draw < 300; draw++) randomBytesFromPool(32);
    expect(key.equals(copy)).toBe(true);
  });
});
