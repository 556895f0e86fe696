/**
 * The head of sales manages the department in a real browser (Debian's Chromium through playwright-core) on the
 * all-in-one app: adds a rep (after a refusal at the field that keeps what was typed), changes their role, marks
 * them absent until a date and back, and records that they left — through the pages only, each step checked
 * against the store; a rep who is not the head of sales is offered none of it. Writes the screenshots.
 */
import type { Page } from 'playwright-core';
import { controlsUnreachableByKeyboard, pageIdle, seriousAccessibilityViolations } from './support/browser';
import { eventually } from './support/eventually';
import { SCREENSHOTS, startWorkspace, type Workspace } from './support/workspace';

describe('the department managed in the browser', () => {
  let workspace: Workspace;
  const url = (path: string) => `${workspace.url}${path}`;
  const types = async (repId: string) => (await workspace.streamEvents(`rep-${repId}`)).map((event) => event.type);

  beforeAll(async () => {
    workspace = await startWorkspace('team-management', [['h-anna', 'Анна Охотина', 'hunter']]);
  }, 240_000);

  afterAll(() => workspace?.close());

  /** The roster's row of a rep, as the team page shows it. */
  const rosterRow = (page: Page, name: string) => page.locator('[data-testid=roster] tbody tr', { hasText: name });

  it('adds a rep, changes their role, marks them absent and back, and records that they left (after a conflict), through the pages only', async () => {
    const olga = await workspace.signedInAs(undefined);
    await olga.goto(url('/app/team'));
    await olga.waitForSelector('[data-testid=roster]');
    await rosterRow(olga, 'Анна Охотина').waitFor();

    await olga.click('[data-testid=team-join] summary');
    await olga.fill('#team-join-name', 'Ольга Новикова');
    await olga.selectOption('#team-join-role', 'hunter');
    await olga.fill('#team-join-capacity', '0');
    await olga.click('[data-testid=team-join] button[type=submit]');
    await olga.waitForSelector('#team-join-capacity[aria-invalid=true]');
    expect(await olga.textContent('#team-join-capacity-problem')).toMatch(/1/);
    expect(await olga.inputValue('#team-join-name')).toBe('Ольга Новикова');
    expect((await workspace.call('GET', '/team/reps')).body).toHaveLength(1);
    await olga.fill('#team-join-capacity', '30');
    await olga.dblclick('[data-testid=team-join] button[type=submit]');
    await olga.waitForSelector('[data-testid=team-join-done]');
    const row = rosterRow(olga, 'Ольга Новикова');
    await row.waitFor();
    expect(await row.textContent()).toContain('Hunter');
    const reps = (await workspace.call('GET', '/team/reps')).body as Array<{ repId: string; name: string; capacity: number }>;
    // A double click added her once.
    expect(reps.filter((rep) => rep.name === 'Ольга Новикова')).toHaveLength(1);
    const repId = reps.find((rep) => rep.name === 'Ольга Новикова')!.repId;
    expect(reps.find((rep) => rep.repId === repId)!.capacity).toBe(30);
    expect(await seriousAccessibilityViolations(olga)).toEqual([]);

    await row.getByRole('link').click();
    await olga.waitForURL(new RegExp(`/app/team/${repId}`));
    await olga.waitForSelector('[data-testid=rep-management]');
    expect(await olga.textContent('[data-testid=rep-name]')).toBe('Ольга Новикова');
    for (const form of ['rep-role', 'rep-availability', 'rep-leave']) {
      await olga.focus(`[data-testid=${form}] summary`);
      await olga.keyboard.press('Enter');
    }
    expect(await controlsUnreachableByKeyboard(olga)).toEqual([]);
    expect(await seriousAccessibilityViolations(olga)).toEqual([]);

    await olga.selectOption('#rep-role-role', 'closer');
    await olga.click('[data-testid=rep-role] button[type=submit]');
    await olga.waitForSelector('text=Change the role (now Closer)');
    expect((await workspace.streamEvents(`rep-${repId}`)).at(-1)?.data).toEqual({ repId, from: 'hunter', to: 'closer' });

    await olga.fill('#rep-availability-absentUntil', '2099-01-20');
    await olga.selectOption('#rep-availability-reason', 'sick-leave');
    await olga.click('[data-testid=rep-availability] button[type=submit]');
    await olga.waitForSelector('text=Absent until Jan 20, 2099');
    const absent = (await workspace.streamEvents(`rep-${repId}`)).at(-1);
    expect(absent?.type).toBe('RepAvailabilityChanged');
    expect(absent?.data).toMatchObject({ available: false, reason: 'sick-leave' });
    expect(new Date((absent?.data as { absentUntil: string }).absentUntil).getDate()).toBe(20);
    // The same form, still open, now brings her back.
    expect(await olga.textContent('[data-testid=rep-availability] button[type=submit]')).toBe('Back at work');
    await olga.click('[data-testid=rep-availability] button[type=submit]');
    await eventually(async () => (await types(repId)).filter((type) => type === 'RepAvailabilityChanged').length === 2, { what: 'her return' });
    expect((await workspace.streamEvents(`rep-${repId}`)).at(-1)?.data).toMatchObject({ available: true });
    await olga.waitForSelector('[data-testid=rep-availability] summary >> text=Mark absent');
    await shoot(olga, undefined, `team-rep-manage.en.png`);

    // Changed meanwhile by another hand (the API): the page's form, drawn from the revision before, is refused and says so.
    expect((await workspace.call('POST', `/team/reps/${repId}/role`, { role: 'hunter' })).status).toBe(200);
    await olga.fill('#rep-leave-reason', 'Переезд в другой город');
    await olga.click('[data-testid=rep-leave] button[type=submit]');
    await olga.waitForSelector('[data-testid=rep-leave-conflict]');
    expect(await types(repId)).not.toContain('RepLeft');
    expect(await olga.inputValue('#rep-leave-reason')).toBe('Переезд в другой город');
    // The roster read again, the same form goes through.
    await olga.waitForSelector('text=Change the role (now Hunter)');
    await olga.click('[data-testid=rep-leave] button[type=submit]');
    await olga.waitForSelector('[data-testid=rep-management]', { state: 'detached' });
    expect(await types(repId)).toEqual(['RepJoined', 'RepRoleChanged', 'RepAvailabilityChanged', 'RepAvailabilityChanged', 'RepRoleChanged', 'RepLeft']);
    const byHead = (await workspace.streamEvents(`rep-${repId}`)).map((event) => (event.metadata as { actor: { role: string } }).actor.role);
    expect(new Set(byHead)).toEqual(new Set(['head-of-sales']));
    expect(workspace.errorsOf(olga)).toEqual([]);
  }, 120_000);

  it('offers a rep none of the department’s management, and shows the team page in both languages (screenshots)', async () => {
    // A hunter has no team page of their own: the nav offers none, and the roster forms never show.
    const anna = await workspace.signedInAs('h-anna');
    await anna.goto(url('/app/queue'));
    await pageIdle(anna);
    expect(await anna.locator('nav a', { hasText: 'Team' }).count()).toBe(0);
    for (const locale of ['en', 'ru'] as const) {
      const olga = await workspace.signedInAs(undefined, locale);
      await olga.goto(url('/app/team'));
      await olga.waitForSelector('[data-testid=roster]');
      await olga.click('[data-testid=team-join] summary');
      await shoot(olga, '#roster', `team-roster.${locale}.png`);
    }
  }, 120_000);

  async function shoot(page: Page, scrollTo: string | undefined, file: string): Promise<void> {
    if (scrollTo) await page.locator(scrollTo).evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await pageIdle(page);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/${file}`, fullPage: false });
    expect(workspace.errorsOf(page)).toEqual([]);
  }
});
