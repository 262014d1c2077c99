import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { launchBrowser, signInThroughTheUi } from '../../scripts/testing/browser';
import { messageArrives } from '../../scripts/testing/desk-threads';
import { startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { agents } from '../../server/db/schema';

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

async function signedInAs(name: string, role: 'agent' | 'supervisor' = 'agent'): Promise<{ page: Page; cookie: string }> {
  const { email, cookie, agentId } = await desk.signIn(role);
  await desk.desk.database.db.update(agents).set({ name }).where(eq(agents.id, agentId));
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await signInThroughTheUi(page, desk.url, email);
  return { page, cookie };
}

describe('mentioning a colleague in a note, in a real browser', () => {
  it('alerts the colleague at once, and takes them to the thread when they open the alert', async () => {
    const author = await signedInAs('Alex Morgan');
    const colleague = await signedInAs('Priya Shah', 'supervisor');
    await messageArrives(desk, author.cookie, { text: 'Has anyone checked on my mum at number 4?' });
    await author.page.getByTestId('thread-item').filter({ hasText: 'checked on my mum' }).click();
    await author.page.getByTestId('composer-mode-note').click();
    await author.page.getByTestId('composer-input').fill('@Priya Shah can you ask for a welfare check?');
    await author.page.getByTestId('composer-send').click();

    const alert = colleague.page.getByTestId('mention-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Alex Morgan mentioned you in a note on SMD-');
    await colleague.page.screenshot({ path: 'dist/mention-alert.png' });
    await alert.getByRole('button', { name: 'Open' }).click();
    await colleague.page.getByTestId('thread-view').getByTestId('message').filter({ hasText: 'welfare check' }).waitFor();
    await expect.poll(() => colleague.page.getByTestId('mention-alert').count()).toBe(0);
    await author.page.close();
    await colleague.page.close();
  });
});
