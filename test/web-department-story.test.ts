/**
 * The department's story in a real browser (Debian's Chromium through playwright-core), through the pages only,
 * each person in a browser context of their own: the head of sales publishes the call script and adds the team,
 * imports a lead, which is routed to the lead generator, who sees it in their queue, calls by the script,
 * qualifies and hands it off; the hunter sees the handoff within 2 seconds, holds a meeting, sends a proposal and
 * hands the deal to a closer; the closer wins it; the farmer sees the new client, logs a touchpoint and wins a
 * repeat sale; the head of sales' dashboard then shows what GET /kpis answers for the same period. The store is
 * read only to check what the pages wrote; the API only to compare the dashboard with it.
 */
import type { Page } from 'playwright-core';
import { pageIdle, seriousAccessibilityViolations } from './support/browser';
import { eventually } from './support/eventually';
import { SCREENSHOTS, startWorkspace, type Workspace } from './support/workspace';

const STAGES = ['captured', 'contacted', 'qualified', 'handedOff', 'dealOpened', 'meetingHeld', 'proposalSent', 'won'] as const;
const digits = (text: string | null): number => Number((text ?? '').replace(/\D/g, ''));

describe('the department’s story through the pages only', () => {
  let workspace: Workspace;
  const url = (path: string) => `${workspace.url}${path}`;

  beforeAll(async () => {
    workspace = await startWorkspace('department-story', []);
  }, 240_000);

  afterAll(() => workspace?.close());

  /** Opens an action's form (closed until wanted) and fills it by label-less ids: `fields` maps input ids to values. */
  async function act(page: Page, form: string, fields: Record<string, string>, submit: 'click' | 'none' = 'click'): Promise<void> {
    const details = page.locator(`[data-testid=${form}]`);
    await details.waitFor();
    if ((await details.getAttribute('open')) === null) await page.click(`[data-testid=${form}] summary`);
    for (const [id, value] of Object.entries(fields)) {
      const tag = await page.locator(`#${id}`).evaluate((element) => element.tagName);
      if (tag === 'SELECT') await page.selectOption(`#${id}`, value);
      else await page.fill(`#${id}`, value);
    }
    if (submit === 'click') await page.click(`[data-testid=${form}] button[type=submit]`);
  }

  it('runs a lead from import to a won deal and a repeat sale, and the dashboard shows what GET /kpis says', async () => {
    const olga = await workspace.signedInAs(undefined);

    // The head of sales publishes the script the lead generators call by.
    await olga.goto(url('/app/scripts'));
    await act(olga, 'script-new', { 'script-new-title': 'Холодный звонок', 'script-new-steps': 'Представиться\nНайти ЛПР\nДоговориться о встрече' });
    await olga.waitForSelector('[data-testid=scripts] h3 >> text=Холодный звонок');
    await olga.click('[data-testid=scripts] details >> nth=0 >> summary');
    await pageIdle(olga);
    expect(await seriousAccessibilityViolations(olga)).toEqual([]);
    await olga.screenshot({ path: `${SCREENSHOTS}/call-scripts.en.png`, fullPage: false });

    // … and adds the team, one rep at a time.
    await olga.goto(url('/app/team'));
    const team = [
      ['Иван Лидов', 'lead-generator'],
      ['Анна Охотина', 'hunter'],
      ['Кирилл Закрывайко', 'closer'],
      ['Фёдор Пахарев', 'farmer'],
    ] as const;
    for (const [name, role] of team) {
      await act(olga, 'team-join', { 'team-join-name': name, 'team-join-role': role });
      await olga.locator('[data-testid=roster] tbody tr', { hasText: name }).waitFor();
    }
    const repId = async (name: string) => (await olga.locator('[data-testid=roster] tbody tr', { hasText: name }).getByRole('link').getAttribute('href'))!.split('/').at(-1)!;
    const [ivanId, annaId, kirillId, fedorId] = [await repId('Иван Лидов'), await repId('Анна Охотина'), await repId('Кирилл Закрывайко'), await repId('Фёдор Пахарев')];

    // The lead generator and the hunter have their queues open.
    const ivan = await workspace.signedInAs(ivanId);
    await ivan.goto(url('/app/queue'));
    await pageIdle(ivan);
    const anna = await workspace.signedInAs(annaId);
    await anna.goto(url('/app/queue'));
    await pageIdle(anna);

    // A lead is imported: routed to the only lead generator, it shows in his queue by itself.
    await olga.goto(url('/app/import'));
    await olga.fill('#import-body', 'company,taxId,contactName,email,phone,estimatedValue,currency\nООО «Полярный экспресс»,7731234567,Наталья Зимина,n.zimina@polar.ru,+7 495 700-10-20,500000,RUB');
    await olga.click('.import-form button[type=submit] >> text=Import 1 row');
    await olga.waitForSelector('text=Imported 1 · duplicates 0 · refused 0');
    const leadLink = ivan.getByRole('link', { name: 'ООО «Полярный экспресс»' });
    await leadLink.waitFor({ timeout: 10_000 });
    await leadLink.click();
    await ivan.waitForSelector('[data-testid=lead-history] >> text=Routed to Иван Лидов (round robin)');

    // He calls by the script, qualifies the lead and hands it off.
    await act(ivan, 'lead-attempt', { 'lead-attempt-outcome': 'reached' }, 'none');
    expect(await ivan.locator('[data-testid=lead-script-steps] li').allTextContents()).toEqual(['Представиться', 'Найти ЛПР', 'Договориться о встрече']);
    await ivan.click('[data-testid=lead-attempt] button[type=submit]');
    await ivan.waitForSelector('[data-testid=lead-history] >> text=Contact attempt 1: call, reached');
    await act(ivan, 'lead-qualify', {
      'lead-qualify-budget-amount': '500000',
      'lead-qualify-authority': 'Генеральный директор',
      'lead-qualify-need': 'CRM для отдела продаж',
      'lead-qualify-timing': 'Q1',
    });
    await act(ivan, 'lead-hand-off', {});
    await ivan.waitForSelector('text=Handed off to Анна Охотина (least loaded)');
    const handedAt = Date.now();

    // The hunter sees the handoff within 2 seconds, and works the deal.
    const dealLink = anna.getByRole('link', { name: 'ООО «Полярный экспресс»' });
    await dealLink.waitFor({ timeout: 2_000 });
    process.stdout.write(`the hunter's queue showed the handoff ${Date.now() - handedAt} ms after the lead generator's page did\n`);
    await dealLink.click();
    await anna.waitForSelector('[data-testid=deal-actions]');
    await act(anna, 'deal-schedule', { 'deal-schedule-scheduledFor': '2099-02-10T11:00', 'deal-schedule-kind': 'demo' });
    await anna.waitForSelector('[data-testid=deal-meetings]');
    await act(anna, 'deal-meeting', { 'deal-meeting-result': 'held', 'deal-meeting-outcome': 'positive' });
    await anna.waitForSelector('text=Meeting held: went well');
    await act(anna, 'deal-proposal', { 'deal-proposal-amount-amount': '480000', 'deal-proposal-validUntil': '2099-03-01' });
    await anna.waitForSelector('[data-testid=deal-proposals]');
    await act(anna, 'deal-closer', { 'deal-closer-closerId': kirillId, 'deal-closer-reason': 'Нужна скидка, торгуется директор' });
    await anna.waitForSelector('text=Handed to Кирилл Закрывайко');

    // The closer wins it, 40 % of the credit his.
    const kirill = await workspace.signedInAs(kirillId);
    await kirill.goto(url('/app/queue'));
    await kirill.getByRole('link', { name: 'ООО «Полярный экспресс»' }).click();
    await act(kirill, 'deal-win', { 'deal-win-amount-amount': '470000', 'deal-win-closerPercent': '40' });
    await kirill.waitForSelector('[data-testid=deal-credit]');
    expect(await kirill.textContent('[data-testid=deal-credit]')).toBe('Анна Охотина (Hunter) 60 % · Кирилл Закрывайко (Closer) 40 %');

    // The farmer finds the new client in his queue, logs a touchpoint and wins a repeat sale.
    const fedor = await workspace.signedInAs(fedorId);
    await fedor.goto(url('/app/queue'));
    const accountLink = fedor.getByRole('link', { name: 'ООО «Полярный экспресс»' });
    await accountLink.waitFor({ timeout: 10_000 });
    await accountLink.click();
    await act(fedor, 'account-touchpoint', { 'account-touchpoint-kind': 'check-in', 'account-touchpoint-satisfaction': '8' });
    await fedor.waitForSelector('[data-testid=account-touchpoints]');
    await act(fedor, 'account-open-sale', { 'account-open-sale-kind': 'cross-sell', 'account-open-sale-estimatedValue-amount': '120000' });
    await act(fedor, 'account-close-sale', { 'account-close-sale-closing': 'won' });
    await fedor.waitForSelector('text=Repeat sale won: ₽120,000');
    expect(await fedor.textContent('[data-testid=account-facts]')).toContain('₽590,000');

    // What the pages wrote, in the store: the whole chain, each step by its person.
    const lead = (await workspace.eventsOfTypes('LeadCaptured'))[0]!;
    const leadId = (lead.data as { leadId: string }).leadId;
    const byPerson = (events: Array<{ type: string; metadata: unknown }>) => events.map((event) => [event.type, (event.metadata as { actor: { userId: string } }).actor.userId]);
    expect(byPerson(await workspace.streamEvents(`lead-${leadId}`))).toEqual([
      ['LeadCaptured', 'local-head-of-sales'],
      ['LeadAssigned', 'prospecting.routing'],
      ['LeadContactAttempted', ivanId],
      ['LeadQualified', ivanId],
      ['LeadHandedOff', ivanId],
    ]);
    expect((await workspace.streamEvents(`lead-${leadId}`))[2]!.data).toMatchObject({ script: { version: 1 } });
    const won = (await workspace.eventsOfTypes('DealWon'))[0]!;
    expect(won.data).toMatchObject({ amount: { amount: 470_000, currency: 'RUB' }, credit: [{ repId: annaId, percent: 60 }, { repId: kirillId, percent: 40 }] });
    expect((await workspace.eventsOfTypes('RepeatSaleWon'))[0]!.data).toMatchObject({ amount: { amount: 120_000, currency: 'RUB' }, ownerId: fedorId });

    // The head of sales' dashboard: every figure it shows for the period is what GET /kpis answers for it.
    const asked: string[] = [];
    olga.on('request', (request) => {
      const { pathname, search } = new URL(request.url());
      if (pathname === '/kpis') asked.push(`${pathname}${search}`);
    });
    await olga.goto(url('/app/dashboard'));
    await olga.waitForSelector('[data-testid=funnel-count-won]');
    await pageIdle(olga);
    await eventually(async () => digits(await olga.textContent('[data-testid=funnel-count-won]')) === 1, { what: 'the won deal on the dashboard' });
    const kpis = (await workspace.call('GET', asked.at(-1)!)).body;
    const funnel: Record<string, number> = {};
    for (const stage of STAGES) funnel[stage] = digits(await olga.textContent(`[data-testid=funnel-count-${stage}]`));
    expect(funnel).toEqual(kpis.cohortFunnel.funnel);
    expect(funnel).toEqual(Object.fromEntries(STAGES.map((stage) => [stage, 1])));
    expect(digits(await olga.textContent('[data-testid=figure-new-business] .figure-value'))).toBe(kpis.revenue.newBusiness.RUB);
    expect(digits(await olga.textContent('[data-testid=figure-repeat] .figure-value'))).toBe(kpis.revenue.repeat.RUB);
    expect([kpis.revenue.newBusiness.RUB, kpis.revenue.repeat.RUB]).toEqual([470_000, 120_000]);
    expect(await olga.textContent('[data-testid=figure-win-rate] .figure-value')).toBe(`${Math.round(kpis.winRate.rate * 100)}%`);
    expect(kpis.winRate).toMatchObject({ won: 1, lost: 0 });
    expect(await seriousAccessibilityViolations(olga)).toEqual([]);
    for (const page of [olga, ivan, anna, kirill, fedor]) expect(workspace.errorsOf(page)).toEqual([]);
  }, 180_000);
});
