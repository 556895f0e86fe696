/**
 * The account page in a real browser (Debian's Chromium through playwright-core) on the all-in-one app: a farmer
 * finds a new client in their queue, opens the account, logs a touchpoint (after a refusal at its field that
 * keeps what they typed), opens and wins a repeat sale and flags a churn risk — through the pages only, each
 * step checked against the store. The head of sales gives the account to another farmer and makes it a key
 * account; those who no longer own it, and those who only read it, get no forms. Writes the screenshots.
 */
import { controlsUnreachableByKeyboard, pageIdle, seriousAccessibilityViolations } from './support/browser';
import { eventually } from './support/eventually';
import { SCREENSHOTS, startWorkspace, type Workspace } from './support/workspace';

const TEAM = [
  ['lg-ivan', 'Иван Лидов', 'lead-generator'],
  ['h-anna', 'Анна Охотина', 'hunter'],
  ['f-fedor', 'Фёдор Пахарев', 'farmer'],
  ['kam-kate', 'Екатерина Ключникова', 'kam'],
] as const;

describe('the account page in the browser', () => {
  let workspace: Workspace;
  const url = (path: string) => `${workspace.url}${path}`;
  const accountEvents = (accountId: string) => workspace.streamEvents(`account-${accountId}`);

  /** A lead handed to Anna and won by the head of sales for `amount`: answers once the client's account is open. */
  async function wonAccount(company: string, amount: number): Promise<string> {
    const { dealId } = await workspace.handOff(company, 'h-anna', { value: amount });
    const won = await workspace.call('POST', `/deals/${dealId}/win`, { amount: { amount, currency: 'RUB' } });
    expect(won.status).toBe(200);
    const accountId = won.body.accountId as string;
    await eventually(async () => (await workspace.call('GET', `/accounts/${accountId}`)).status === 200, { what: 'the account to be opened' });
    return accountId;
  }

  beforeAll(async () => {
    workspace = await startWorkspace('account-workspace', TEAM);
  }, 240_000);

  afterAll(() => workspace?.close());

  it('takes a farmer from a new client in their queue through a touchpoint, a repeat sale and a churn risk, through the pages only', async () => {
    const fedor = await workspace.signedInAs('f-fedor');
    await fedor.goto(url('/app/queue'));
    await pageIdle(fedor);
    const accountId = await wonAccount('ООО «Зелёная долина»', 400_000);
    const row = fedor.locator('[data-testid=queue] tbody tr', { hasText: 'Зелёная долина' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('Touchpoint coming up');
    await row.getByRole('link').click();
    await fedor.waitForURL(new RegExp(`/app/accounts/${accountId}$`));
    await fedor.waitForSelector('[data-testid=account-facts]');
    expect(await fedor.textContent('h1')).toBe('ООО «Зелёная долина»');
    expect(await fedor.textContent('.page-subtitle')).toContain('Фёдор Пахарев');
    expect(await fedor.textContent('[data-testid=account-facts]')).toContain('₽400,000');
    expect(await fedor.textContent('[data-testid=account-history]')).toContain('Became a client: ₽400,000, to Фёдор Пахарев');
    // The head of sales' steps are not a farmer's: not offered.
    for (const form of ['account-farmer', 'account-promote']) expect(await fedor.locator(`[data-testid=${form}]`).count()).toBe(0);

    // A score out of range is refused at its field; the note typed stays; nothing is written.
    await fedor.click('[data-testid=account-touchpoint] summary');
    await fedor.selectOption('#account-touchpoint-kind', 'qbr');
    await fedor.fill('#account-touchpoint-satisfaction', '11');
    await fedor.fill('#account-touchpoint-note', 'Довольны, просят модуль аналитики');
    await fedor.click('[data-testid=account-touchpoint] button[type=submit]');
    await fedor.waitForSelector('#account-touchpoint-satisfaction[aria-invalid=true]');
    expect(await fedor.textContent('#account-touchpoint-satisfaction-problem')).toMatch(/10/);
    expect(await fedor.inputValue('#account-touchpoint-note')).toBe('Довольны, просят модуль аналитики');
    expect((await accountEvents(accountId)).map((event) => event.type)).not.toContain('TouchpointLogged');
    expect(await seriousAccessibilityViolations(fedor)).toEqual([]);
    await fedor.fill('#account-touchpoint-satisfaction', '9');
    await fedor.click('[data-testid=account-touchpoint] button[type=submit]');
    await fedor.waitForSelector('[data-testid=account-touchpoints]');
    expect(await fedor.textContent('[data-testid=account-history]')).toContain('Touchpoint: quarterly review — satisfaction 9/10');
    const touchpoint = (await accountEvents(accountId)).find((event) => event.type === 'TouchpointLogged');
    expect(touchpoint?.data).toMatchObject({ kind: 'qbr', satisfaction: 9, note: 'Довольны, просят модуль аналитики' });

    await fedor.click('[data-testid=account-open-sale] summary');
    await fedor.selectOption('#account-open-sale-kind', 'upsell');
    await fedor.fill('#account-open-sale-estimatedValue-amount', '300 000');
    await fedor.fill('#account-open-sale-description', 'Модуль аналитики');
    await fedor.dblclick('[data-testid=account-open-sale] button[type=submit]');
    await fedor.waitForSelector('[data-testid=account-close-sale]');
    await fedor.waitForTimeout(500);
    expect((await accountEvents(accountId)).filter((event) => event.type === 'RepeatSaleOpened')).toHaveLength(1);

    await fedor.click('[data-testid=account-close-sale] summary');
    expect(await fedor.inputValue('#account-close-sale-amount-amount')).toBe('300000');
    await fedor.fill('#account-close-sale-amount-amount', '280000');
    await fedor.click('[data-testid=account-close-sale] button[type=submit]');
    await fedor.waitForSelector('text=Repeat sale won: ₽280,000');
    expect(await fedor.textContent('[data-testid=account-facts]')).toContain('₽680,000');
    const sale = (await accountEvents(accountId)).find((event) => event.type === 'RepeatSaleWon');
    expect(sale?.data).toMatchObject({ amount: { amount: 280_000, currency: 'RUB' }, ownerId: 'f-fedor' });
    expect(await fedor.locator('[data-testid=account-close-sale]').count()).toBe(0);

    await fedor.click('[data-testid=account-churn-risk] summary');
    await fedor.selectOption('#account-churn-risk-level', 'high');
    await fedor.fill('#account-churn-risk-reason', 'Новый ИТ-директор смотрит на конкурентов');
    await fedor.click('[data-testid=account-churn-risk] button[type=submit]');
    await fedor.waitForSelector('[data-testid=account-churn-risk-flag]');
    expect(await fedor.textContent('[data-testid=account-churn-risk-flag]')).toBe('high: Новый ИТ-директор смотрит на конкурентов');
    // The queue shows it with the risk, as the farmer returns to it.
    await fedor.goto(url('/app/queue'));
    await fedor.locator('[data-testid=queue] tbody tr', { hasText: 'Churn risk' }).waitFor({ timeout: 10_000 });
    expect(workspace.errorsOf(fedor)).toEqual([]);
  }, 120_000);

  it('lets the head of sales give an account to another farmer and make it key, and then offers the former owner nothing', async () => {
    await workspace.join([['f-galya', 'Галина Сеялкина', 'farmer']]);
    const accountId = await wonAccount('АО «Волжские просторы»', 350_000);
    const owner = (await workspace.call('GET', `/accounts/${accountId}`)).body.ownerId as string;
    const other = owner === 'f-fedor' ? 'f-galya' : 'f-fedor';

    // A hunter reads the account (they won the client) but works none of it.
    const anna = await workspace.signedInAs('h-anna');
    await anna.goto(url(`/app/accounts/${accountId}`));
    await anna.waitForSelector('[data-testid=account-history]');
    await pageIdle(anna);
    expect(await anna.locator('[data-testid=account-actions]').count()).toBe(0);

    const olga = await workspace.signedInAs(undefined);
    await olga.goto(url(`/app/accounts/${accountId}`));
    await olga.waitForSelector('[data-testid=account-actions]');
    const forms = ['account-touchpoint', 'account-open-sale', 'account-churn-risk', 'account-farmer', 'account-promote', 'account-churn'];
    expect(await olga.locator('[data-testid=account-actions] details').evaluateAll((all) => all.map((each) => each.id))).toEqual(forms);
    for (const form of forms) {
      await olga.focus(`[data-testid=${form}] summary`);
      await olga.keyboard.press('Enter');
      expect(await olga.getAttribute(`[data-testid=${form}]`, 'open')).not.toBeNull();
    }
    expect(await controlsUnreachableByKeyboard(olga)).toEqual([]);
    expect(await seriousAccessibilityViolations(olga)).toEqual([]);

    await olga.selectOption('#account-farmer-farmerId', other);
    await olga.click('[data-testid=account-farmer] button[type=submit]');
    await eventually(async () => (await workspace.call('GET', `/accounts/${accountId}`)).body.ownerId === other, { what: 'the account to move to the other farmer' });
    const assigned = (await accountEvents(accountId)).find((event) => event.type === 'FarmerAssigned');
    expect(assigned?.data).toMatchObject({ farmerId: other, previousOwnerId: owner });
    expect(assigned?.metadata.actor).toEqual({ userId: 'local-head-of-sales', role: 'head-of-sales' });

    // Still open from the keyboard check above.
    expect(await olga.getAttribute('[data-testid=account-promote]', 'open')).not.toBeNull();
    await olga.selectOption('#account-promote-kamId', 'kam-kate');
    await olga.click('[data-testid=account-promote] button[type=submit]');
    await olga.waitForSelector('text=Made a key account, to Екатерина Ключникова');
    expect(await olga.textContent('.page-title')).toContain('Key account');
    // Key now: demotion is offered instead of promotion and of the farmer's assignment.
    expect(await olga.locator('[data-testid=account-demote]').count()).toBe(1);
    expect(await olga.locator('[data-testid=account-farmer]').count()).toBe(0);

    const former = await workspace.signedInAs(other);
    await former.goto(url(`/app/accounts/${accountId}`));
    await former.waitForSelector('[data-testid=account-history]');
    await pageIdle(former);
    expect(await former.locator('[data-testid=account-actions]').count()).toBe(0);
    // The KAM works it now: her queue has it, and her page offers the owner's steps (screenshots, en and ru).
    for (const locale of ['en', 'ru'] as const) {
      const kate = await workspace.signedInAs('kam-kate', locale);
      await kate.goto(url('/app/queue'));
      await kate.locator('[data-testid=queue] tbody tr', { hasText: 'Волжские просторы' }).waitFor({ timeout: 10_000 });
      await pageIdle(kate);
      expect(await seriousAccessibilityViolations(kate)).toEqual([]);
      await kate.screenshot({ path: `${SCREENSHOTS}/rep-queue-kam.${locale}.png`, fullPage: false });
      await kate.locator('[data-testid=queue] tbody tr', { hasText: 'Волжские просторы' }).getByRole('link').click();
      await kate.waitForSelector('[data-testid=account-touchpoint]');
      await kate.click('[data-testid=account-open-sale] summary');
      await pageIdle(kate);
      expect(await seriousAccessibilityViolations(kate)).toEqual([]);
      await kate.screenshot({ path: `${SCREENSHOTS}/rep-account-kam.${locale}.png`, fullPage: false });
      expect(workspace.errorsOf(kate)).toEqual([]);
    }
    expect(workspace.errorsOf(olga)).toEqual([]);
  }, 120_000);

  it('shows a farmer’s queue and account page in both languages (screenshots)', async () => {
    const accountId = await wonAccount('ООО «Кубанские поля»', 520_000);
    const owner = (await workspace.call('GET', `/accounts/${accountId}`)).body.ownerId as string;
    for (const locale of ['en', 'ru'] as const) {
      const page = await workspace.signedInAs(owner, locale);
      await page.goto(url('/app/queue'));
      await page.waitForSelector('[data-testid=queue]');
      await pageIdle(page);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/rep-queue-farmer.${locale}.png`, fullPage: false });
      await page.goto(url(`/app/accounts/${accountId}`));
      await page.waitForSelector('[data-testid=account-actions]');
      await page.click('[data-testid=account-touchpoint] summary');
      await pageIdle(page);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/rep-account-farmer.${locale}.png`, fullPage: false });
      expect(workspace.errorsOf(page)).toEqual([]);
    }
  }, 120_000);
});
