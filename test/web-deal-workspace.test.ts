/**
 * The deal page in a real browser (Debian's Chromium through playwright-core) on the all-in-one app: a hunter
 * sees a handoff appear in their queue within 2 seconds, opens the deal, schedules and records a meeting, sends
 * a proposal (after a refusal that names the field and keeps what they typed), moves the stage and hands the deal
 * to a closer, who wins it with a credit split — through the pages only, each step checked against the store. A
 * double-clicked submit writes once; a form drawn from a revision someone moved on is refused and says what
 * changed; each role sees only the actions it may take. Writes the screenshots the README shows.
 */
import type { Page } from 'playwright-core';
import { controlsUnreachableByKeyboard, pageIdle, seriousAccessibilityViolations } from './support/browser';
import { eventually } from './support/eventually';
import { SCREENSHOTS, startWorkspace, type Workspace } from './support/workspace';

const TEAM = [
  ['lg-ivan', 'Иван Лидов', 'lead-generator'],
  ['h-anna', 'Анна Охотина', 'hunter'],
  ['h-boris', 'Борис Ловчий', 'hunter'],
  ['c-kirill', 'Кирилл Закрывайко', 'closer'],
  ['a-sveta', 'Светлана Помощникова', 'sales-assistant'],
] as const;

describe('the deal page in the browser', () => {
  let workspace: Workspace;
  const url = (path: string) => `${workspace.url}${path}`;
  const types = async (dealId: string) => (await workspace.streamEvents(`deal-${dealId}`)).map((event) => event.type);

  beforeAll(async () => {
    workspace = await startWorkspace('deal-workspace', TEAM);
  }, 240_000);

  afterAll(() => workspace?.close());

  it('takes a hunter from a handoff in their queue through a meeting and a proposal to a closer, who wins it, through the pages only', async () => {
    const anna = await workspace.signedInAs('h-anna');
    await anna.goto(url('/app/queue'));
    await pageIdle(anna);
    // Handed off while the hunter's queue is open: it appears by itself, within 2 seconds of the API's answer.
    const { leadId, dealId } = await workspace.handOff('ООО «Снежный барс»', 'h-anna', { untilDealOpens: false });
    const handedAt = Date.now();
    const link = anna.getByRole('link', { name: 'ООО «Снежный барс»' });
    await link.waitFor({ timeout: 2_000 });
    process.stdout.write(`a handoff showed in the hunter's open queue ${Date.now() - handedAt} ms after the API answered\n`);
    expect(await anna.locator('[data-testid=queue] tbody tr', { hasText: 'Снежный барс' }).textContent()).toContain('New from a lead generator');
    await link.click();
    await anna.waitForURL(new RegExp(`/app/deals/${dealId}$`));
    await anna.waitForSelector('[data-testid=deal-facts]');
    expect(await anna.textContent('h1')).toBe('ООО «Снежный барс»');
    expect(await anna.textContent('[data-testid=deal-facts]')).toContain('petr@example.ru');
    expect(await anna.getAttribute('[data-testid=deal-facts] a[href^="/app/leads/"]', 'href')).toBe(`/app/leads/${leadId}`);
    expect(await anna.textContent('[data-testid=deal-history]')).toContain('Deal opened for Анна Охотина');

    // A double-clicked submit schedules one meeting.
    await anna.click('[data-testid=deal-schedule] summary');
    await anna.fill('#deal-schedule-scheduledFor', '2099-03-10T10:00');
    await anna.selectOption('#deal-schedule-kind', 'demo');
    await anna.fill('#deal-schedule-location', 'Офис клиента');
    await anna.dblclick('[data-testid=deal-schedule] button[type=submit]');
    await anna.waitForSelector('[data-testid=deal-meetings]');
    await anna.waitForTimeout(500);
    expect((await types(dealId)).filter((type) => type === 'MeetingScheduled')).toHaveLength(1);
    expect(await anna.textContent('[data-testid=deal-meetings]')).toContain('Офис клиента');

    await anna.click('[data-testid=deal-meeting] summary');
    await anna.selectOption('#deal-meeting-result', 'held');
    await anna.selectOption('#deal-meeting-outcome', 'positive');
    await anna.fill('#deal-meeting-notes', 'Директор просил КП до пятницы');
    await anna.click('[data-testid=deal-meeting] button[type=submit]');
    await anna.waitForSelector('text=Meeting held: went well');
    const held = (await workspace.streamEvents(`deal-${dealId}`)).find((event) => event.type === 'MeetingHeld');
    expect(held?.data).toMatchObject({ outcome: 'positive', notes: 'Директор просил КП до пятницы' });
    // No meeting is left to record: the form goes.
    expect(await anna.locator('[data-testid=deal-meeting]').count()).toBe(0);

    // A proposal without its validity is refused at that field; the amount typed stays, nothing is written.
    await anna.click('[data-testid=deal-proposal] summary');
    await anna.fill('#deal-proposal-amount-amount', '880 000');
    await anna.click('[data-testid=deal-proposal] button[type=submit]');
    await anna.waitForSelector('#deal-proposal-validUntil[aria-invalid=true]');
    expect(await anna.textContent('#deal-proposal-validUntil-problem')).toMatch(/ISO 8601/);
    expect(await anna.inputValue('#deal-proposal-amount-amount')).toBe('880 000');
    expect(await types(dealId)).not.toContain('ProposalSent');
    expect(await seriousAccessibilityViolations(anna)).toEqual([]);
    await anna.fill('#deal-proposal-validUntil', '2099-04-01');
    await anna.click('[data-testid=deal-proposal] button[type=submit]');
    await anna.waitForSelector('[data-testid=deal-proposals]');
    const proposal = (await workspace.streamEvents(`deal-${dealId}`)).find((event) => event.type === 'ProposalSent');
    expect(proposal?.data).toMatchObject({ amount: { amount: 880_000, currency: 'RUB' } });

    await anna.click('[data-testid=deal-stage] summary');
    await anna.selectOption('#deal-stage-stage', 'negotiation');
    await anna.click('[data-testid=deal-stage] button[type=submit]');
    await anna.waitForSelector('text=Stage: Qualification → Negotiation');

    await anna.click('[data-testid=deal-closer] summary');
    await anna.selectOption('#deal-closer-closerId', 'c-kirill');
    await anna.fill('#deal-closer-reason', 'Застряли на согласовании цены');
    await anna.click('[data-testid=deal-closer] button[type=submit]');
    await anna.waitForSelector('text=Handed to Кирилл Закрывайко');
    // The closer works it now: the hunter reads it, with nothing to do.
    await anna.waitForSelector('[data-testid=deal-actions]', { state: 'detached' });
    expect(await anna.textContent('.page-subtitle')).toContain('Кирилл Закрывайко');
    expect(workspace.errorsOf(anna)).toEqual([]);

    const kirill = await workspace.signedInAs('c-kirill');
    await kirill.goto(url('/app/queue'));
    const row = kirill.locator('[data-testid=queue] tbody tr', { hasText: 'Снежный барс' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('Handed to you to close');
    await row.getByRole('link').click();
    await kirill.waitForSelector('[data-testid=deal-win]');
    await kirill.click('[data-testid=deal-win] summary');
    // What the client signed is, as a rule, the last proposal.
    expect(await kirill.inputValue('#deal-win-amount-amount')).toBe('880000');
    await kirill.fill('#deal-win-closerPercent', '40');
    expect(await kirill.textContent('[data-testid=deal-win-credit]')).toBe('Credit: Анна Охотина 60 % · Кирилл Закрывайко 40 %');
    await kirill.click('[data-testid=deal-win] button[type=submit]');
    await kirill.waitForSelector('[data-testid=deal-credit]');
    expect(await kirill.textContent('.badge-status')).toBe('Won');
    expect(await kirill.textContent('[data-testid=deal-credit]')).toBe('Анна Охотина (Hunter) 60 % · Кирилл Закрывайко (Closer) 40 %');
    const won = (await workspace.streamEvents(`deal-${dealId}`)).find((event) => event.type === 'DealWon');
    expect(won?.data).toMatchObject({
      amount: { amount: 880_000, currency: 'RUB' },
      credit: [
        { repId: 'h-anna', role: 'hunter', percent: 60 },
        { repId: 'c-kirill', role: 'closer', percent: 40 },
      ],
    });
    expect(won?.metadata.actor).toEqual({ userId: 'c-kirill', role: 'closer' });
    expect(await kirill.locator('[data-testid=deal-actions]').count()).toBe(0);
    expect(workspace.errorsOf(kirill)).toEqual([]);
  }, 120_000);

  it('tells the second of two people editing one deal what changed, writes nothing, and keeps what they typed', async () => {
    const { dealId } = await workspace.handOff('АО «Северсталь-Сервис»', 'h-anna');
    const anna = await workspace.signedInAs('h-anna');
    // No live updates for this page: it keeps the deal as it was drawn while the head of sales moves it on.
    await anna.context().route('**/live', (route) => route.abort());
    await anna.goto(url(`/app/deals/${dealId}`));
    await anna.waitForSelector('[data-testid=deal-proposal]');
    expect((await workspace.call('POST', `/deals/${dealId}/stage`, { stage: 'discovery' })).status).toBe(200);
    await anna.click('[data-testid=deal-proposal] summary');
    await anna.fill('#deal-proposal-amount-amount', '750000');
    await anna.fill('#deal-proposal-validUntil', '2099-05-01');
    await anna.click('[data-testid=deal-proposal] button[type=submit]');
    await anna.waitForSelector('[data-testid=deal-proposal-conflict] li');
    expect(await anna.textContent('[data-testid=deal-proposal-conflict]')).toContain('Stage: Qualification → Discovery');
    expect(await anna.inputValue('#deal-proposal-amount-amount')).toBe('750000');
    expect(await anna.inputValue('#deal-proposal-validUntil')).toBe('2099-05-01');
    expect(await types(dealId)).not.toContain('ProposalSent');
    // The page shows the deal as it is now; sent again, the same form goes through, once.
    expect(await anna.textContent('[data-testid=deal-facts]')).toContain('Discovery');
    await anna.click('[data-testid=deal-proposal] button[type=submit]');
    await anna.waitForSelector('[data-testid=deal-proposals]');
    expect((await types(dealId)).filter((type) => type === 'ProposalSent')).toHaveLength(1);
    expect(workspace.errorsOf(anna)).toEqual([]);
  }, 120_000);

  it('offers each role only what it may do on a deal, every action by keyboard, and lets the head of sales ask an assistant', async () => {
    const { dealId } = await workspace.handOff('ООО «Ладога»', 'h-anna');
    expect((await workspace.call('POST', `/deals/${dealId}/meetings`, { scheduledFor: '2099-06-01T09:00:00.000Z', kind: 'discovery' })).status).toBe(201);
    // Those who read deals but do not work this one: an assistant, another hunter.
    for (const repId of ['a-sveta', 'h-boris']) {
      const page = await workspace.signedInAs(repId);
      await page.goto(url(`/app/deals/${dealId}`));
      await page.waitForSelector('[data-testid=deal-history]');
      await pageIdle(page);
      expect(await page.locator('[data-testid=deal-actions]').count()).toBe(0);
    }
    const olga = await workspace.signedInAs(undefined);
    await olga.goto(url(`/app/deals/${dealId}`));
    await olga.waitForSelector('[data-testid=deal-actions]');
    const forms = ['deal-schedule', 'deal-meeting', 'deal-stage', 'deal-proposal', 'deal-closer', 'deal-win', 'deal-lose', 'deal-task', 'deal-reassign'];
    expect(await olga.locator('[data-testid=deal-actions] details').evaluateAll((all) => all.map((each) => each.id))).toEqual(forms);
    // Every form opens from the keyboard (Enter on its summary), and then every control in it is reachable by Tab.
    for (const form of forms) {
      await olga.focus(`[data-testid=${form}] summary`);
      await olga.keyboard.press('Enter');
      expect(await olga.getAttribute(`[data-testid=${form}]`, 'open')).not.toBeNull();
    }
    expect(await controlsUnreachableByKeyboard(olga)).toEqual([]);
    expect(await seriousAccessibilityViolations(olga)).toEqual([]);

    await olga.selectOption('#deal-task-kind', 'contract-documents');
    await olga.fill('#deal-task-dueAt', '2099-06-02T18:00');
    await olga.selectOption('#deal-task-assigneeId', 'a-sveta');
    await olga.click('[data-testid=deal-task] button[type=submit]');
    await olga.waitForSelector('[data-testid=deal-task-done]');
    expect(await olga.textContent('[data-testid=deal-task-done]')).toBe('Requested: contract documents, for Светлана Помощникова.');
    // The task is in the assistant's queue, for this deal.
    let taskIds: string[] = [];
    await eventually(
      async () => {
        const queue = await workspace.call('GET', '/queues/sales-assistant/a-sveta');
        taskIds = (queue.body.items as Array<{ kind: string; id: string }>).filter((item) => item.kind === 'task').map((item) => item.id);
        return taskIds.length === 1;
      },
      { what: 'the task in the assistant\'s queue' },
    );
    expect((await workspace.call('GET', `/tasks/${taskIds[0]}`)).body).toMatchObject({ dealId, kind: 'contract-documents', assigneeId: 'a-sveta' });

    // The head of sales gives the deal to the other hunter: he works it from now on, she reads it only.
    await olga.selectOption('#deal-reassign-ownerId', 'h-boris');
    await olga.click('[data-testid=deal-reassign] button[type=submit]');
    await olga.waitForSelector('text=Given to Борис Ловчий (from Анна Охотина)');
    expect((await workspace.streamEvents(`deal-${dealId}`)).at(-1)?.data).toEqual({ dealId, role: 'hunter', ownerId: 'h-boris', previousOwnerId: 'h-anna' });
    const boris = await workspace.signedInAs('h-boris');
    await boris.goto(url('/app/queue'));
    await boris.locator('[data-testid=queue] tbody tr', { hasText: 'Ладога' }).getByRole('link').click();
    await boris.waitForSelector('[data-testid=deal-schedule]');
    const anna = await workspace.signedInAs('h-anna');
    await anna.goto(url(`/app/deals/${dealId}`));
    await anna.waitForSelector('[data-testid=deal-history]');
    await pageIdle(anna);
    expect(await anna.locator('[data-testid=deal-actions]').count()).toBe(0);
    expect(workspace.errorsOf(olga)).toEqual([]);
  }, 120_000);

  it('shows a hunter’s and a closer’s queue and deal page in both languages (screenshots)', async () => {
    const { dealId } = await workspace.handOff('ООО «Уральские самоцветы»', 'h-boris');
    expect((await workspace.call('POST', `/deals/${dealId}/meetings`, { scheduledFor: '2099-02-01T09:00:00.000Z', kind: 'demo', location: 'Екатеринбург' })).status).toBe(201);
    for (const locale of ['en', 'ru'] as const) {
      const boris = await workspace.signedInAs('h-boris', locale);
      await shoot(boris, '/app/queue', '[data-testid=queue]', undefined, `rep-queue-hunter.${locale}.png`);
      await shoot(boris, `/app/deals/${dealId}`, '[data-testid=deal-actions]', 'deal-meeting', `rep-deal-hunter.${locale}.png`);
    }
    expect((await workspace.call('POST', `/deals/${dealId}/hand-off-to-closer`, { closerId: 'c-kirill', reason: 'Нужен опыт закрытия' })).status).toBe(200);
    for (const locale of ['en', 'ru'] as const) {
      const kirill = await workspace.signedInAs('c-kirill', locale);
      await shoot(kirill, '/app/queue', `[data-testid=queue] a[href="/app/deals/${dealId}"]`, undefined, `rep-queue-closer.${locale}.png`);
      await shoot(kirill, `/app/deals/${dealId}`, '[data-testid=deal-win]', 'deal-win', `rep-deal-closer.${locale}.png`);
    }
  }, 120_000);

  it('takes a sales assistant from a task in their queue to its completion with a note, in both languages (screenshots)', async () => {
    const { dealId } = await workspace.handOff('ООО «Балтийский берег»', 'h-anna');
    const requested = await workspace.call('POST', '/tasks', { kind: 'presentation', dealId, assigneeId: 'a-sveta', dueAt: '2099-07-01T12:00:00.000Z', note: 'Акцент на интеграции с 1С' });
    expect(requested.status).toBe(201);
    const { taskId } = requested.body as { taskId: string };
    for (const locale of ['ru', 'en'] as const) {
      const sveta = await workspace.signedInAs('a-sveta', locale);
      await shoot(sveta, '/app/queue', `[data-testid=queue] a[href="/app/tasks/${taskId}"]`, undefined, `rep-queue-assistant.${locale}.png`);
      await shoot(sveta, `/app/tasks/${taskId}`, '[data-testid=task-facts] a >> text=ООО «Балтийский берег»', undefined, `rep-task-assistant.${locale}.png`);
    }
    const sveta = await workspace.signedInAs('a-sveta');
    await sveta.goto(url('/app/queue'));
    await sveta.getByRole('link', { name: 'Prepare a presentation' }).click();
    await sveta.waitForURL(new RegExp(`/app/tasks/${taskId}$`));
    // The task names its deal by the client's company (read from the deal), linked.
    await sveta.waitForSelector('[data-testid=task-facts] a >> text=ООО «Балтийский берег»');
    expect(await sveta.getAttribute('[data-testid=task-facts] a', 'href')).toBe(`/app/deals/${dealId}`);
    expect(await sveta.textContent('[data-testid=task-facts]')).toContain('Акцент на интеграции с 1С');
    // The head of sales asked for it: not on the roster, named by the role, not by a user id.
    expect(await sveta.textContent('[data-testid=task-facts]')).toMatch(/Asked byHead of sales, /);
    expect(await sveta.textContent('[data-testid=task-history]')).toContain('Head of sales');
    expect(await sveta.textContent('[data-testid=task-facts]')).not.toContain('rop-olga');
    expect(await sveta.textContent('[data-testid=task-history]')).not.toContain('rop-olga');
    // An assistant completes; only the requester or the head of sales cancels.
    expect(await sveta.locator('[data-testid=task-cancel]').count()).toBe(0);
    await sveta.fill('#task-complete-note', 'Презентация в папке сделки');
    await sveta.dblclick('[data-testid=task-complete] button[type=submit]');
    await sveta.waitForSelector('[data-testid=task-actions]', { state: 'detached' });
    expect(await sveta.textContent('.badge-status')).toBe('Done');
    expect(await sveta.textContent('[data-testid=task-facts]')).toContain('Презентация в папке сделки');
    const events = await workspace.streamEvents(`task-${taskId}`);
    expect(events.map((event) => event.type)).toEqual(['AssistantTaskRequested', 'AssistantTaskCompleted']);
    expect(events[1]!.data).toEqual({ taskId, note: 'Презентация в папке сделки' });
    expect(events[1]!.metadata.actor).toEqual({ userId: 'a-sveta', role: 'sales-assistant' });
    expect(workspace.errorsOf(sveta)).toEqual([]);
  }, 120_000);

  /** Opens a page as its user would, with one action open, checks it for serious violations and photographs it. */
  async function shoot(page: Page, path: string, ready: string, openForm: string | undefined, file: string): Promise<void> {
    await page.goto(url(path));
    await page.waitForSelector(ready);
    if (openForm) await page.click(`[data-testid=${openForm}] summary`);
    await pageIdle(page);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/${file}`, fullPage: false });
    expect(workspace.errorsOf(page)).toEqual([]);
  }
});
