import { type Browser, type Page } from 'playwright-core';
import { seriousAccessibilityProblems } from '../../scripts/testing/accessibility';
import { launchBrowser, signInThroughTheUi } from '../../scripts/testing/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageArrives, setThreadColumns } from '../../scripts/testing/desk-threads';
import { addAgentToTeam } from '../../server/teams/teams.service';
import { startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

let desk: TestDesk;
let browser: Browser;

beforeAll(async () => {
  desk = await startTestDesk();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

async function signedInPage(whoever?: { email: string; cookie: string }): Promise<{ page: Page; cookie: string }> {
  const { email, cookie } = whoever ?? (await desk.signIn());
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signInThroughTheUi(page, desk.url, email);
  return { page, cookie };
}

describe('the desk at work, in a real browser', () => {
  it('lets an agent take a new thread from "Needs attention" and find it under "Mine"', async () => {
    const { page, cookie } = await signedInPage();
    await messageArrives(desk, cookie, { text: 'My shed was broken into last night' });
    await page.getByTestId('thread-item').filter({ hasText: 'My shed was broken into' }).click();
    await page.getByTestId('action-take').click();
    await expect.poll(() => page.getByTestId('thread-status').textContent()).toBe('Open');

    await page.getByTestId('view-mine').click();
    const mine = page.getByTestId('thread-item').filter({ hasText: 'My shed was broken into' });
    await mine.waitFor();
    expect(await mine.getByTestId('thread-assignee').textContent()).toBe('Test agent');
    await page.close();
  });

  it('adds a private note that shows as a note and is never sent to the sender', async () => {
    const { page, cookie } = await signedInPage();
    await messageArrives(desk, cookie, { text: 'Someone keeps ringing my doorbell at night' });
    await page.getByTestId('thread-item').filter({ hasText: 'ringing my doorbell' }).click();
    const sendsBefore = desk.facebook.sentMessages.length;
    await page.getByTestId('composer-mode-note').click();
    await page.getByTestId('composer-input').fill('Third report from this street this week');
    await page.getByTestId('composer-send').click();
    const note = page.getByTestId('thread-view').locator('[data-testid="message"][data-kind="note"]');
    await note.waitFor();
    expect(await note.textContent()).toContain('Internal note, not sent');
    expect(desk.facebook.sentMessages.length).toBe(sendsBefore);
    await page.close();
  });

  it('highlights an overdue thread in the list', async () => {
    const { page, cookie } = await signedInPage();
    const thread = await messageArrives(desk, cookie, { text: 'Nobody has answered me about the break-in' });
    await setThreadColumns(desk, thread.id, { slaDueAt: new Date(Date.now() - 10 * 60_000), status: 'open' });
    await page.reload();
    const item = page.getByTestId('thread-item').filter({ hasText: 'Nobody has answered me' });
    await item.waitFor();
    expect(await item.getAttribute('data-overdue')).toBe('true');
    expect(await item.getByTestId('sla').textContent()).toMatch(/^Overdue/);
    await page.screenshot({ path: 'dist/desk-at-work-overdue.png' });
    await page.close();
  });

  it('narrows the list to what the agent searches for', async () => {
    const { page, cookie } = await signedInPage();
    await messageArrives(desk, cookie, { text: 'A trampoline blew into the road on Ashby Lane' });
    await messageArrives(desk, cookie, { text: 'Fireworks in the park after midnight' });
    await page.getByTestId('thread-item').filter({ hasText: 'Fireworks in the park' }).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('trampoline');
    await expect.poll(() => page.getByTestId('thread-item').count()).toBe(1);
    expect(await page.getByTestId('thread-item').textContent()).toContain('Ashby Lane');
    await page.close();
  });

  it('escalates a thread to the control room, where an operator acknowledges it and hands it back with an outcome', async () => {
    const { page, cookie } = await signedInPage();
    await messageArrives(desk, cookie, { text: 'Group fighting outside the Red Lion' });
    await page.getByTestId('thread-item').filter({ hasText: 'Group fighting' }).click();
    await page.getByText('Escalate to a team').click();
    await page.getByTestId('escalation-team').selectOption({ label: 'Control room' });
    await page.getByTestId('escalation-reason').fill('Ongoing disorder, caller can see it');
    await page.getByTestId('escalation-submit').click();
    await page.getByTestId('escalation').waitFor();
    await expect.poll(() => page.getByTestId('thread-status').textContent()).toBe('Escalated');

    const operator = await desk.signIn();
    const directory = await desk.api('/api/directory', { cookie: operator.cookie });
    await addAgentToTeam(desk.desk.database.db, operator.agentId, directory.body.teams.find((team: { name: string }) => team.name === 'Control room').id);
    const control = await signedInPage(operator);
    await control.page.getByTestId('view-escalated').click();
    await control.page.getByTestId('thread-item').filter({ hasText: 'Group fighting' }).click();
    await control.page.getByTestId('escalation').waitFor();
    await control.page.getByTestId('escalation-acknowledge').click();
    await control.page.locator('[data-testid="escalation"][data-status="acknowledged"]').waitFor();
    await control.page.getByTestId('escalation-outcome-kind').selectOption('incident_created');
    await control.page.getByTestId('escalation-outcome').fill('Incident log 123 created, officers deployed');
    await control.page.getByTestId('escalation-hand-back').click();
    await control.page.locator('[data-testid="escalation"][data-status="resolved"]').waitFor();

    // The desk agent sees it come back, live.
    await expect.poll(() => page.getByTestId('thread-status').textContent()).toBe('Open');
    expect(await page.getByTestId('escalation').textContent()).toContain('Incident log 123 created');
    await control.page.screenshot({ path: 'dist/desk-at-work-escalation.png' });
    await control.page.close();
    await page.close();
  });

  it('lets a supervisor write a Welsh canned response, and an agent reply with it by typing /', async () => {
    const supervisor = await desk.signIn('supervisor');
    const admin = await signedInPage(supervisor);
    await admin.page.getByTestId('desk-menu').click();
    await admin.page.getByTestId('open-canned-admin').click();
    await admin.page.getByTestId('canned-shortcut').fill('diolch');
    await admin.page.getByTestId('canned-language').selectOption('cy');
    await admin.page.getByTestId('canned-title').fill('Diolch am gysylltu');
    await admin.page.getByTestId('canned-body').fill('Diolch {{name}} am gysylltu. Eich cyfeirnod yw {{reference}}.');
    await admin.page.getByTestId('canned-save').click();
    await admin.page.getByTestId('canned-admin').locator('strong', { hasText: '/diolch' }).waitFor();
    await admin.page.close();

    const { page, cookie } = await signedInPage();
    const thread = await messageArrives(desk, cookie, { text: 'Mae rhywun wedi dwyn fy meic' });
    await page.getByTestId('thread-item').filter({ hasText: 'dwyn fy meic' }).click();
    await page.getByTestId('composer-input').click();
    await page.keyboard.type('/diol');
    await page.getByTestId('canned-option').filter({ hasText: 'Diolch am gysylltu' }).waitFor();
    await page.keyboard.press('Enter');
    // The sender's name comes from the platform's profile (messageArrives writes as Sam Taylor).
    const expected = `Diolch Sam Taylor am gysylltu. Eich cyfeirnod yw ${thread.reference}.`;
    await expect.poll(() => page.getByTestId('composer-input').inputValue()).toBe(expected);

    const platformReceived = desk.facebook.nextSentMessage(15_000);
    await page.keyboard.press('Control+Enter');
    expect((await platformReceived).text).toBe(expected);
    await page.close();
  });

  it('warns an agent, live, that a colleague has the same thread open and is typing a reply', async () => {
    const first = await signedInPage();
    const second = await signedInPage(await desk.signIn('supervisor'));
    await messageArrives(desk, first.cookie, { text: 'Only one of you should answer me' });
    await first.page.getByTestId('thread-item').filter({ hasText: 'Only one of you' }).click();
    await second.page.getByTestId('thread-item').filter({ hasText: 'Only one of you' }).click();
    const warning = first.page.getByTestId('collision-warning');
    await expect.poll(() => warning.textContent()).toBe('Test supervisor also has this open');
    await second.page.getByTestId('composer-input').fill('On it');
    await expect.poll(() => warning.textContent()).toBe('Test supervisor is typing a reply');
    await second.page.close();
    await expect.poll(() => warning.textContent(), { timeout: 10_000 }).toBe('');
    await first.page.close();
  });

  // Seven screens, each checked by axe: a minute leaves room on a loaded machine.
  it('has no serious or critical accessibility problems on the inbox screens (axe-core)', { timeout: 60_000 }, async () => {
    const supervisor = await desk.signIn('supervisor');
    const { page, cookie } = await signedInPage(supervisor);
    await messageArrives(desk, cookie, { text: 'Checking the screens for everyone' });
    const problems = async (screen: string) => (await seriousAccessibilityProblems(page)).map((violation) => `${screen}: ${violation}`);
    const found: string[] = [];
    await page.getByTestId('thread-item').first().waitFor();
    found.push(...(await problems('thread list')));
    await page.locator('.filters summary').click();
    found.push(...(await problems('filters open')));
    await page.getByTestId('thread-item').filter({ hasText: 'Checking the screens' }).click();
    await page.getByTestId('thread-view').getByTestId('message').first().waitFor();
    await page.getByText('Escalate to a team').click();
    found.push(...(await problems('thread open, escalation form')));
    await page.getByTestId('thread-more').click();
    await page.getByRole('menu').waitFor();
    found.push(...(await problems('thread menu')));
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await page.getByTestId('composer-input').click();
    await page.keyboard.type('/');
    await page.getByTestId('canned-picker').waitFor();
    found.push(...(await problems('canned response picker')));
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await page.getByTestId('shortcut-help').waitFor();
    found.push(...(await problems('shortcut help')));
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcut-help').waitFor({ state: 'detached' });
    await page.getByTestId('desk-menu').click();
    await page.getByRole('menu').waitFor();
    found.push(...(await problems('desk menu')));
    await page.getByTestId('open-canned-admin').click();
    found.push(...(await problems('canned responses admin')));
    await page.screenshot({ path: 'dist/desk-at-work-canned-admin.png' });
    expect(found).toEqual([]);
    await page.close();
  });

  it('tags a thread, and the tag shows in the list for everyone', async () => {
    const { page, cookie } = await signedInPage();
    await messageArrives(desk, cookie, { text: 'They asked for my bank PIN on the phone' });
    await page.getByTestId('thread-item').filter({ hasText: 'bank PIN' }).click();
    await page.getByTestId('tag-input').fill('Fraud');
    await page.getByTestId('tag-input').press('Enter');
    await page.getByTestId('thread-tags').getByTestId('tag').filter({ hasText: 'fraud' }).waitFor();
    await page.getByTestId('thread-item').filter({ hasText: 'bank PIN' }).getByText('fraud').waitFor();
    await page.close();
  });

  it('merges a second thread from the same person into the first by its reference', async () => {
    const { page, cookie } = await signedInPage();
    const first = await messageArrives(desk, cookie, { text: 'Reporting a hit and run on Bridge Street' });
    await messageArrives(desk, cookie, { text: 'It is me again, writing from my other account' });
    await page.getByTestId('thread-item').filter({ hasText: 'writing from my other account' }).click();
    await page.getByTestId('thread-more').click();
    await page.getByRole('menuitem', { name: 'Merge into another thread' }).click();
    await page.getByTestId('merge-reference').fill(first.reference);
    await page.getByTestId('merge-submit').click();
    const view = page.getByTestId('thread-view');
    await view.getByTestId('message').filter({ hasText: 'Reporting a hit and run' }).waitFor();
    await view.getByTestId('message').filter({ hasText: 'writing from my other account' }).waitFor();
    await view.getByTestId('message').filter({ hasText: 'was merged into this thread' }).waitFor();
    await page.screenshot({ path: 'dist/desk-at-work-merged.png' });
    await page.close();
  });

  it('alerts a control-room operator across the inbox the moment a thread is escalated to their team', async () => {
    const operator = await desk.signIn();
    const directory = await desk.api('/api/directory', { cookie: operator.cookie });
    const controlRoom = directory.body.teams.find((team: { name: string }) => team.name === 'Control room').id;
    await addAgentToTeam(desk.desk.database.db, operator.agentId, controlRoom);
    const control = await signedInPage(operator);
    const deskAgent = await desk.signIn();
    const thread = await messageArrives(desk, deskAgent.cookie, { text: 'Smoke coming from the flats on King Street' });
    await desk.api(`/api/threads/${thread.id}/escalations`, {
      cookie: deskAgent.cookie,
      body: { teamId: controlRoom, reason: 'Possible fire, people inside', urgency: 'immediate' },
    });
    const alert = control.page.getByTestId('escalation-alerts');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`${thread.reference} escalated by Test agent — Possible fire, people inside`);
    await alert.getByRole('button', { name: 'Open' }).click();
    await control.page.getByTestId('thread-view').getByTestId('message').filter({ hasText: 'Smoke coming from the flats' }).waitFor();
    await control.page.close();
  });

  it('lists the keyboard shortcuts on "?", and moves through threads with j', async () => {
    const { page, cookie } = await signedInPage();
    await messageArrives(desk, cookie, { text: 'Keyboard users welcome here' });
    await page.getByTestId('thread-item').first().waitFor();
    await page.keyboard.press('?');
    await page.getByTestId('shortcut-help').waitFor();
    expect(await page.getByTestId('shortcut-help').textContent()).toContain('Take the open conversation');
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcut-help').waitFor({ state: 'detached' });
    await page.keyboard.press('j');
    await page.getByTestId('thread-view').waitFor();
    await page.close();
  });
});
