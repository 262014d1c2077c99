import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityProblems } from '../../scripts/testing/accessibility';
import { launchBrowser, signInThroughTheUi } from '../../scripts/testing/browser';
import { messageArrives } from '../../scripts/testing/desk-threads';
import { startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

// Reply approval in two real browsers: a trainee's reply is returned, resubmitted, edited and
// approved, and each of them sees the other's move without reloading.

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

async function pageFor(email: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signInThroughTheUi(page, desk.url, email);
  return page;
}


describe('reply approval, in real browsers', () => {
  it('returns a trainee’s reply with a comment, then approves their resubmitted reply with an edit, live on both screens', { timeout: 60_000 }, async () => {
    const admin = await desk.signIn('admin');
    const trainee = await desk.signIn('agent');
    const supervisor = await desk.signIn('supervisor');
    await desk.api(`/api/routing/agents/${trainee.agentId}`, { method: 'PUT', cookie: admin.cookie, body: { repliesNeedApproval: true } });
    await messageArrives(desk, trainee.cookie, { text: 'My car was clamped outside the hospital' });
    const traineePage = await pageFor(trainee.email);
    const supervisorPage = await pageFor(supervisor.email);

    // The trainee replies: it is held, and the supervisor's header counts it at once.
    await traineePage.getByTestId('thread-item').filter({ hasText: 'clamped outside the hospital' }).click();
    await traineePage.getByTestId('composer-input').fill('Not a police matter.');
    await traineePage.getByTestId('composer-send').click();
    const reply = traineePage.getByTestId('thread-view').locator('[data-testid="message"][data-direction="out"]');
    await expect.poll(() => reply.getAttribute('data-status')).toBe('awaiting_approval');
    await supervisorPage.getByTestId('approval-count').waitFor();

    // Returned with a comment: the trainee sees it under the reply without reloading.
    await supervisorPage.getByTestId('open-supervision').click();
    const item = supervisorPage.getByTestId('approval-item').filter({ hasText: 'Not a police matter.' });
    await item.getByTestId('approval-return').click();
    await item.getByTestId('approval-comment').fill('Point them to the hospital parking office, kindly.');
    await item.getByTestId('approval-send-back').click();
    await expect.poll(() => item.count()).toBe(0);
    await traineePage.getByTestId('reply-returned').filter({ hasText: 'hospital parking office' }).waitFor();

    // Resubmitted: back in the supervisor's open queue, live.
    await traineePage.getByTestId('resubmit-text').fill('Sorry about this. Parking at the hospital is run by its parking office, who can help.');
    await traineePage.getByTestId('resubmit').click();
    await supervisorPage.getByTestId('approval-item').filter({ hasText: 'parking office, who can help' }).waitFor();
    // By id from here: while being edited, its text is in a text box, not on the page.
    const messageId = await supervisorPage.getByTestId('approval-item').filter({ hasText: 'parking office, who can help' }).getAttribute('data-message-id');
    const resubmitted = supervisorPage.locator(`[data-testid="approval-item"][data-message-id="${messageId}"]`);
    expect(await seriousAccessibilityProblems(supervisorPage)).toEqual([]);
    await supervisorPage.screenshot({ path: 'dist/supervision-approval-queue.png' });

    // Edited and approved: sent with the edit, and the trainee sees what changed.
    await resubmitted.getByTestId('approval-edit').click();
    await resubmitted.getByTestId('approval-edit-text').fill('Sorry about this. The hospital parking office can help: 0116 000 0000.');
    await resubmitted.getByTestId('approval-approve-edit').click();
    await desk.sentToFacebook('Sorry about this. The hospital parking office can help: 0116 000 0000.');
    await traineePage.getByTestId('reply-edited').waitFor();
    await expect.poll(() => reply.getAttribute('data-status')).toBe('sent');
    expect(await reply.textContent()).toContain('The hospital parking office can help');
    await traineePage.screenshot({ path: 'dist/supervision-trainee-thread.png' });
    await traineePage.close();
    await supervisorPage.close();
  });

  it('shows a supervisor each agent’s load against their limit', async () => {
    const supervisor = await desk.signIn('supervisor');
    const page = await pageFor(supervisor.email);
    await page.getByTestId('open-supervision').click();
    const row = page.getByTestId('agent-load-row').filter({ hasText: 'Test supervisor' }).first();
    await row.waitFor();
    expect(await row.getByTestId('agent-load-figure').textContent()).toBe('0 / 3');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.close();
  });

  it('lets an admin give an agent Welsh, raise their limit and switch a team to push routing', async () => {
    const admin = await desk.signIn('admin');
    const agent = await desk.signIn('agent');
    const page = await pageFor(admin.email);
    await page.getByTestId('open-supervision').click();
    const row = page.locator(`[data-testid="agent-load-row"][data-agent-id="${agent.agentId}"]`);
    await row.getByLabel('Welsh for Test agent').click(); // ticked once the server has it
    await row.getByLabel('Thread limit for Test agent').fill('5');
    await row.getByLabel('Thread limit for Test agent').blur();
    await page.getByTestId('team-routing').first().selectOption('push');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await expect
      .poll(async () => {
        const overview = (await desk.api('/api/routing', { cookie: admin.cookie })).body;
        const load = overview.agents.find((entry: { id: string }) => entry.id === agent.agentId);
        return { languages: load.languages, threadLimit: load.threadLimit, mode: overview.teams[0].routingMode };
      })
      .toEqual({ languages: ['en', 'cy'], threadLimit: 5, mode: 'push' });
    await page.close();
  });
});
