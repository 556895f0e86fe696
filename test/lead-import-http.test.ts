/** POST /leads/import on SQLite and PostgreSQL: JSON and CSV (Cyrillic, quoted), duplicates, rejections, limits, repeats. */
import { startTestApp, type StoreKind, type TestApp } from './support/http-app';
import { newLead } from './support/story';

describe.each<StoreKind>(['sqlite', 'postgres'])('lead import on %s', (kind) => {
  let app: TestApp;
  let lg: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    lg = await app.token('lead-generator', 'lg-ivan');
  });
  afterAll(() => app.close());

  it('imports a JSON array, reporting duplicates of stored leads and of earlier rows, and rejected rows', async () => {
    const existing = (await app.request('POST', '/leads', { token: lg, body: newLead })).body.leadId as string;
    const rows = [
      { company: 'ООО «Василёк»', taxId: '7701000001', contactName: 'Пётр', email: 'petr@vasilek.ru', estimatedValue: 120000 },
      { company: 'Ромашка (повтор)', taxId: newLead.company.taxId },
      { company: 'Василёк, снова', email: 'PETR@vasilek.ru ' },
      { company: 'АО «Берёза»', phone: '8 (495) 555-12-34' },
      { company: 'Берёза-2', phone: '+7 495 555 12 34' },
      { taxId: '7701000009' },
      { company: 'Плохой ИНН', taxId: '12345' },
      { company: 'Лишнее поле', owner: 'x' },
    ];
    const response = await app.request('POST', '/leads/import', { token: lg, body: rows });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      imported: 2,
      duplicates: [
        { row: 2, existingLeadId: existing, matchedOn: 'taxId' },
        { row: 3, existingLeadId: response.body.leads[0].leadId, matchedOn: 'email' },
        { row: 5, existingLeadId: response.body.leads[1].leadId, matchedOn: 'phone' },
      ],
      rejected: [
        { row: 6, field: 'company', reason: 'is required' },
        { row: 7, field: 'taxId', reason: 'must be 10 or 12 digits' },
        { row: 8, field: 'owner', reason: 'is not a column of the import' },
      ],
    });
    expect(response.body.leads.map((lead: { row: number }) => lead.row)).toEqual([1, 4]);
    const [first] = await app.events(`lead-${response.body.leads[0].leadId}`);
    expect(first).toMatchObject({
      type: 'LeadCaptured',
      data: { source: 'import', importId: response.body.importId, company: { name: 'ООО «Василёк»', taxId: '7701000001' }, estimatedValue: { amount: 120000, currency: 'RUB' } },
    });
  });

  it('imports CSV in UTF-8 with a BOM, Cyrillic and quoted commas', async () => {
    const csv = '\ufeffcompany,taxId,contactName,email,phone,estimatedValue,currency\n' +
      '"ООО ""Сосна"", филиал",7702000001,Анна Иванова,anna@sosna.ru,+7 812 000-00-01,"350 000",RUB\n' +
      'ИП Ёлкин,770200000212,,,,,\n';
    const response = await app.request('POST', '/leads/import', { token: lg, body: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } });
    expect(response).toMatchObject({ status: 200, body: { imported: 2, duplicates: [], rejected: [] } });
    const [sosna] = await app.events(`lead-${response.body.leads[0].leadId}`);
    expect(sosna!.data).toMatchObject({
      company: { name: 'ООО "Сосна", филиал', taxId: '7702000001' },
      contact: { name: 'Анна Иванова', email: 'anna@sosna.ru', phone: '+7 812 000-00-01' },
      estimatedValue: { amount: 350000, currency: 'RUB' },
    });
  });

  it('answers a repeated import with the same Idempotency-Key as the first time, writing nothing', async () => {
    const rows = [{ company: 'Повтор 1', taxId: '7703000001' }, { company: 'Повтор 2', taxId: '7703000002' }];
    const headers = { 'idempotency-key': `import-${kind}` };
    const first = await app.request('POST', '/leads/import', { token: lg, body: rows, headers });
    const before = (await app.events()).filter((event) => event.type === 'LeadCaptured').length;
    const again = await app.request('POST', '/leads/import', { token: lg, body: rows, headers });
    expect(again.body).toEqual(first.body);
    expect((await app.events()).filter((event) => event.type === 'LeadCaptured').length).toBe(before);
  });

  it('refuses what is not an import, naming why, and writes nothing', async () => {
    const before = (await app.events()).length;
    const cases: Array<[unknown, string, number, string]> = [
      [{ company: 'x' }, 'application/json', 400, 'body'],
      [[], 'application/json', 400, 'body'],
      [Array.from({ length: 10_001 }, (_, i) => ({ company: `C${i}` })), 'application/json', 400, 'body'],
      ['company,color\nX,red\n', 'text/csv', 400, 'color'],
      ['company,taxId\n"unterminated,1\n', 'text/csv', 400, 'body'],
    ];
    for (const [body, contentType, status, field] of cases) {
      const response = await app.request('POST', '/leads/import', { token: lg, body, headers: { 'content-type': contentType } });
      expect({ status: response.status, field: response.body.field }).toEqual({ status, field });
    }
    const xml = await app.request('POST', '/leads/import', { token: lg, body: '<leads/>', headers: { 'content-type': 'application/xml' } });
    expect(xml.status).toBe(415);
    expect((await app.events()).length).toBe(before);
  });
});
