/**
 * The reps' workspace in a real browser (Debian's Chromium through playwright-core) on the all-in-one app: a
 * lead generator finds a lead routed to them in their queue, opens it, logs a call, qualifies it (after a
 * refusal that names the field and keeps what they typed) and hands it to a hunter, through the pages only;
 * every step is checked against the store. A double-clicked submit writes once; a role sees only the actions
 * the permission matrix gives it. Writes the screenshots the README shows (docs/screenshots).
 */
import type { Page } from 'playwright-core';
import { eventually } from './support/eventually';
import { controlsUnreachableByKeyboard, pageIdle, seriousAccessibilityViolations } from './support/browser';
import { SCREENSHOTS, startWorkspace, type Workspace } from './support/workspace';

const TEAM = [
  ['lg-ivan', 'Иван Лидов', 'lead-generator'],
  ['h-anna', 'Анна Охотина', 'hunter'],
  ['h-boris', 'Борис Ловчий', 'hunter'],
] as const;

describe('the reps’ workspace in the browser', () => {
  let workspace: Workspace;
  const call = (method: 'GET' | 'POST', path: string, body?: unknown) => workspace.call(method, path, body);
  const streamEvents = (streamId: string) => workspace.streamEvents(streamId);
  const signedInAs = (repId: string | undefined, locale: 'en' | 'ru' = 'en') => workspace.signedInAs(repId, locale);
  const errorsOf = (page: Page) => workspace.errorsOf(page);
  const captureLead = (company: string) => workspace.captureLead(company);

  beforeAll(async () => {
    workspace = await startWorkspace('rep-workspace', TEAM);
  }, 240_000);

  afterAll(() => workspace?.close());

  it('takes a lead generator from a routed lead in their queue to a handoff, through the pages only', async () => {
    // The head of sales' script, in its second version: the one the lead generator calls by.
    expect((await call('POST', '/call-scripts', { scriptId: 'cold-call', title: 'Холодный звонок', steps: ['Представиться'] })).status).toBe(201);
    const steps = ['Представиться и назвать компанию', 'Спросить, кто решает о CRM', 'Договориться о встрече'];
    expect((await call('POST', '/call-scripts/cold-call/versions', { title: 'Холодный звонок', steps })).status).toBe(201);
    const ivan = await signedInAs('lg-ivan');
    await ivan.goto(`${workspace.url}/app/queue`);
    await pageIdle(ivan);
    // Routed while the queue is open: it appears by itself.
    const leadId = await captureLead('ООО «Северный ветер»');
    const link = ivan.getByRole('link', { name: 'ООО «Северный ветер»' });
    await link.waitFor({ timeout: 10_000 });
    expect(await ivan.locator('[data-testid=queue] tbody tr', { hasText: 'Северный ветер' }).textContent()).toContain('Not yet called');
    await link.click();
    await ivan.waitForURL(new RegExp(`/app/leads/${leadId}$`));
    await ivan.waitForSelector('[data-testid=lead-facts]');
    expect(await ivan.textContent('h1')).toBe('ООО «Северный ветер»');
    expect(await ivan.textContent('[data-testid=lead-facts]')).toContain('petr@example.ru');
    expect(await ivan.textContent('[data-testid=lead-history]')).toContain('Routed to Иван Лидов (round robin)');
    // A lead generator may not reassign: no such form, nor any other the matrix refuses them.
    expect(await ivan.locator('[data-testid=lead-assign]').count()).toBe(0);

    // A double-clicked submit writes one contact attempt, by the script whose steps show beside it.
    await ivan.click('[data-testid=lead-attempt] summary');
    await ivan.waitForSelector('[data-testid=lead-script-steps]');
    expect(await ivan.locator('[data-testid=lead-script-steps] li').allTextContents()).toEqual(steps);
    expect(await ivan.inputValue('#lead-attempt-script-scriptId')).toBe('cold-call');
    await ivan.selectOption('#lead-attempt-outcome', 'reached');
    await ivan.fill('#lead-attempt-note', 'Перезвонить после обеда');
    await ivan.dblclick('[data-testid=lead-attempt] button[type=submit]');
    await eventually(async () => (await ivan.textContent('[data-testid=lead-history]'))!.includes('Contact attempt 1: call, reached'), {
      what: 'the attempt in the history',
    });
    await ivan.waitForTimeout(500);
    const attempts = (await streamEvents(`lead-${leadId}`)).filter((event) => event.type === 'LeadContactAttempted');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.data).toMatchObject({ outcome: 'reached', script: { scriptId: 'cold-call', version: 2 } });
    expect(await ivan.textContent('[data-testid=lead-history]')).toContain('by script cold-call, version 2');

    // A refusal names its field, writes nothing and keeps what was typed.
    await ivan.click('[data-testid=lead-qualify] summary');
    await ivan.fill('#lead-qualify-authority', 'Генеральный директор');
    await ivan.fill('#lead-qualify-need', 'CRM для отдела продаж');
    await ivan.fill('#lead-qualify-timing', 'до конца квартала');
    await ivan.fill('#lead-qualify-budget-currency', 'RU');
    await ivan.fill('#lead-qualify-budget-amount', '1200000');
    await ivan.click('[data-testid=lead-qualify] button[type=submit]');
    await ivan.waitForSelector('#lead-qualify-budget-currency[aria-invalid=true]');
    expect(await ivan.textContent('#lead-qualify-budget-currency-problem')).toMatch(/ISO 4217/);
    expect(await ivan.inputValue('#lead-qualify-need')).toBe('CRM для отдела продаж');
    expect((await streamEvents(`lead-${leadId}`)).map((event) => event.type)).not.toContain('LeadQualified');
    expect(await seriousAccessibilityViolations(ivan)).toEqual([]);
    await ivan.screenshot({ path: `${SCREENSHOTS}/rep-lead-refused.en.png`, fullPage: false });

    await ivan.fill('#lead-qualify-budget-currency', 'RUB');
    await ivan.click('[data-testid=lead-qualify] button[type=submit]');
    await ivan.waitForSelector('[data-testid=lead-hand-off]');
    expect(await ivan.textContent('.badge-status')).toBe('Qualified');
    const qualified = (await streamEvents(`lead-${leadId}`)).find((event) => event.type === 'LeadQualified');
    expect(qualified?.data).toMatchObject({ budget: { amount: 1_200_000, currency: 'RUB' }, authority: 'Генеральный директор', estimatedValue: { amount: 900_000, currency: 'RUB' } });

    await ivan.click('[data-testid=lead-hand-off] summary');
    await ivan.selectOption('#lead-hand-off-hunterId', 'h-boris');
    await ivan.click('[data-testid=lead-hand-off] button[type=submit]');
    await ivan.waitForSelector('text=Handed off to Борис Ловчий');
    expect(await ivan.textContent('.badge-status')).toBe('Handed off');
    expect(await ivan.locator('[data-testid=lead-actions]').count()).toBe(0);
    const handoff = (await streamEvents(`lead-${leadId}`)).find((event) => event.type === 'LeadHandedOff');
    expect(handoff?.data).toMatchObject({ hunterId: 'h-boris', rule: 'named' });
    expect(errorsOf(ivan)).toEqual([]);
  }, 120_000);

  it('offers each role only the actions the permission matrix gives it, and the head of sales reassignment', async () => {
    await workspace.join([['lg-maria', 'Мария Звонова', 'lead-generator']]);
    const leadId = await captureLead('АО «Полярная звезда»');
    const anna = await signedInAs('h-anna');
    await anna.goto(`${workspace.url}/app/leads/${leadId}`);
    await anna.waitForSelector('[data-testid=lead-history]');
    await pageIdle(anna);
    // A hunter reads leads but works none of a lead generator's steps.
    expect(await anna.locator('[data-testid=lead-actions]').count()).toBe(0);

    const olga = await signedInAs(undefined);
    await olga.goto(`${workspace.url}/app/leads/${leadId}`);
    await olga.waitForSelector('[data-testid=lead-actions]');
    for (const form of ['lead-attempt', 'lead-qualify', 'lead-disqualify', 'lead-assign']) expect(await olga.locator(`[data-testid=${form}]`).count()).toBe(1);
    // Every form opens from the keyboard (Enter on its summary), and then every control in it is reachable by Tab.
    for (const form of ['lead-attempt', 'lead-qualify', 'lead-disqualify', 'lead-assign']) {
      await olga.focus(`[data-testid=${form}] summary`);
      await olga.keyboard.press('Enter');
      expect(await olga.getAttribute(`[data-testid=${form}]`, 'open')).not.toBeNull();
    }
    expect(await controlsUnreachableByKeyboard(olga)).toEqual([]);
    // The head of sales reassigns the lead to the other lead generator from the page.
    const before = (await call('GET', `/leads/${leadId}`)).body.leadGeneratorId as string;
    const other = before === 'lg-ivan' ? 'lg-maria' : 'lg-ivan';
    await olga.selectOption('#lead-assign-leadGeneratorId', other);
    await olga.click('[data-testid=lead-assign] button[type=submit]');
    await eventually(async () => (await call('GET', `/leads/${leadId}`)).body.leadGeneratorId === other, { what: 'the lead to be reassigned' });
    const assigned = (await streamEvents(`lead-${leadId}`)).filter((event) => event.type === 'LeadAssigned').at(-1);
    expect(assigned?.data).toMatchObject({ leadGeneratorId: other, rule: 'named', previousLeadGeneratorId: before });
    expect(assigned?.metadata.actor).toEqual({ userId: 'local-head-of-sales', role: 'head-of-sales' });
    // The lead generator it was taken from may read it still, but works it no more: nothing offered.
    const former = await signedInAs(before);
    await former.goto(`${workspace.url}/app/leads/${leadId}`);
    await former.waitForSelector('[data-testid=lead-history]');
    await pageIdle(former);
    expect(await former.textContent('.page-subtitle')).toContain(other === 'lg-ivan' ? 'Иван Лидов' : 'Мария Звонова');
    expect(await former.locator('[data-testid=lead-actions]').count()).toBe(0);
    expect(await seriousAccessibilityViolations(olga)).toEqual([]);
  }, 120_000);

  it('refuses a form drawn from a revision someone moved on, says what changed and keeps what was typed', async () => {
    const leadId = await captureLead('ООО «Кедр»');
    await eventually(async () => (await call('GET', `/leads/${leadId}`)).body.leadGeneratorId !== null, { what: 'the lead to be routed' });
    const owner = (await call('GET', `/leads/${leadId}`)).body.leadGeneratorId as string;
    const page = await signedInAs(owner);
    // No live updates for this page: it keeps the lead as it was drawn while the head of sales logs a call.
    await page.context().route('**/live', (route) => route.abort());
    await page.goto(`${workspace.url}/app/leads/${leadId}`);
    await page.waitForSelector('[data-testid=lead-disqualify]');
    expect((await call('POST', `/leads/${leadId}/contact-attempts`, { channel: 'email', outcome: 'no-answer' })).status).toBe(201);
    await page.click('[data-testid=lead-disqualify] summary');
    await page.selectOption('#lead-disqualify-reason', 'no-need');
    await page.fill('#lead-disqualify-note', 'Уже купили у конкурента');
    await page.click('[data-testid=lead-disqualify] button[type=submit]');
    const conflict = page.locator('[data-testid=lead-disqualify-conflict]');
    // The lead read again, the lines the form had not seen are listed.
    await page.waitForSelector('[data-testid=lead-disqualify-conflict] li');
    expect(await conflict.textContent()).toContain('Contact attempt 1: e-mail, no answer');
    expect(await page.inputValue('#lead-disqualify-note')).toBe('Уже купили у конкурента');
    expect((await streamEvents(`lead-${leadId}`)).map((event) => event.type)).not.toContain('LeadDisqualified');
    // Drawn again from the lead as it is now, the same form goes through.
    await page.click('[data-testid=lead-disqualify] button[type=submit]');
    await page.waitForSelector('text=Disqualified: no need');
    expect((await streamEvents(`lead-${leadId}`)).filter((event) => event.type === 'LeadDisqualified')).toHaveLength(1);
    expect(errorsOf(page)).toEqual([]);
  }, 120_000);

  it('imports leads from a CSV file: the rows as they will go, then each row imported, a duplicate linked to its lead, or refused at its column', async () => {
    const known = await call('POST', '/leads', { company: { name: 'ООО «Старый знакомый»', taxId: '7709876543' }, contact: { name: 'Олег' }, source: 'manual' });
    expect(known.status).toBe(201);
    const existing = known.body.leadId as string;
    const ivan = await signedInAs('lg-ivan');
    await ivan.goto(`${workspace.url}/app/queue`);
    await ivan.getByRole('link', { name: 'Import leads' }).click();
    await ivan.waitForURL(/\/app\/import$/);
    const csv = [
      'company,taxId,contactName,email,phone,estimatedValue,currency',
      'ООО «Новая волна»,7725123456,Ирина Павлова,irina@volna.ru,+7 812 555-01-02,640000,RUB',
      // The tax id of the lead captured above: a duplicate.
      'ООО «Старый знакомый» (филиал),7709876543,,,,,',
      'ООО «Опечатка»,,Сергей,not-an-email,,,',
    ].join('\n');
    await ivan.setInputFiles('#import-file', { name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    // Before: the rows as they will go.
    await ivan.waitForSelector('[data-testid=import-rows] tbody tr >> nth=2');
    expect(await ivan.locator('[data-testid=import-rows] tbody th').allTextContents()).toEqual(['ООО «Новая волна»', 'ООО «Старый знакомый» (филиал)', 'ООО «Опечатка»']);
    expect(await ivan.textContent('.import-form button[type=submit]')).toBe('Import 3 rows');
    await ivan.dblclick('.import-form button[type=submit]');
    // After: what became of each row.
    await ivan.waitForSelector('text=Imported 1 · duplicates 1 · refused 1');
    const outcome = (row: number) => ivan.locator(`[data-testid=import-rows] tr[data-row="${row}"] td`).last();
    expect(await outcome(1).textContent()).toBe('imported · open the lead');
    expect(await outcome(2).textContent()).toBe('a duplicate (same tax id) · the lead it matches');
    expect(await outcome(2).locator('a').getAttribute('href')).toBe(`/app/leads/${existing}`);
    expect(await outcome(3).textContent()).toMatch(/^refused: email — /);
    expect(await seriousAccessibilityViolations(ivan)).toEqual([]);
    await ivan.screenshot({ path: `${SCREENSHOTS}/lead-import.en.png`, fullPage: false });
    // The double click imported once: one lead of that company in the store.
    const importedId = (await outcome(1).locator('a').getAttribute('href'))!.split('/').at(-1)!;
    expect((await streamEvents(`lead-${importedId}`))[0]).toMatchObject({ type: 'LeadCaptured', data: { company: { name: 'ООО «Новая волна»' }, source: 'import' } });
    const captured = await workspace.eventsOfTypes('LeadCaptured');
    expect(captured.filter((event) => (event.data as { company: { name: string } }).company.name === 'ООО «Новая волна»')).toHaveLength(1);
    await outcome(1).locator('a').click();
    await ivan.waitForURL(new RegExp(`/app/leads/${importedId}$`));
    await ivan.waitForSelector('[data-testid=lead-facts]');
    expect(await ivan.textContent('[data-testid=lead-facts]')).toContain('irina@volna.ru');
    expect(errorsOf(ivan)).toEqual([]);
  }, 120_000);

  it('shows a lead generator’s queue and lead page in both languages (screenshots)', async () => {
    const leadId = await captureLead('ООО «Тайга-Логистик»');
    // Routed to either lead generator: the screenshots show Ivan's own lead.
    await eventually(async () => (await call('GET', `/leads/${leadId}`)).body.leadGeneratorId !== null, { what: 'the lead to be routed' });
    if ((await call('GET', `/leads/${leadId}`)).body.leadGeneratorId !== 'lg-ivan') expect((await call('POST', `/leads/${leadId}/assign`, { leadGeneratorId: 'lg-ivan' })).status).toBe(200);
    for (const locale of ['en', 'ru'] as const) {
      const page = await signedInAs('lg-ivan', locale);
      await page.goto(`${workspace.url}/app/queue`);
      await page.waitForSelector('[data-testid=queue]');
      await pageIdle(page);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/rep-queue-lead-generator.${locale}.png`, fullPage: false });
      await page.goto(`${workspace.url}/app/leads/${leadId}`);
      await page.waitForSelector('[data-testid=lead-actions]');
      await page.click('[data-testid=lead-attempt] summary');
      await pageIdle(page);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/rep-lead-lead-generator.${locale}.png`, fullPage: false });
      expect(errorsOf(page)).toEqual([]);
    }
  }, 120_000);
});
