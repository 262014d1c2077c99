import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { seriousAccessibilityProblems } from '../../scripts/testing/accessibility';
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

async function colleagueNamed(name: string, role: 'agent' | 'supervisor' = 'agent') {
  const colleague = await desk.signIn(role);
  await desk.desk.database.db.update(agents).set({ name }).where(eq(agents.id, colleague.agentId));
  return colleague;
}

async function signedInAs(name: string, role: 'agent' | 'supervisor' = 'agent'): Promise<{ page: Page; cookie: string }> {
  const { email, cookie } = await colleagueNamed(name, role);
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

  it('offers colleagues as the author types @ and part of a name, and the one picked with the keyboard is alerted', async () => {
    // The directory loads with the inbox: colleagues first, then the author signs in.
    const colleague = await signedInAs('Bethan Prys', 'supervisor');
    await colleagueNamed('Bethan Jones');
    const author = await signedInAs('Owen Price');
    await messageArrives(desk, author.cookie, { text: 'Someone is sleeping in the bus shelter' });
    await author.page.getByTestId('thread-item').filter({ hasText: 'sleeping in the bus shelter' }).click();
    await author.page.getByTestId('composer-mode-note').click();
    const input = author.page.getByTestId('composer-input');
    await input.click();
    await author.page.keyboard.type('Over to @');
    const options = author.page.getByTestId('mention-option');
    await options.first().waitFor();
    expect(await seriousAccessibilityProblems(author.page)).toEqual([]);
    await author.page.keyboard.type('Ow'); // the author is not offered to themselves
    await expect.poll(() => author.page.getByTestId('mention-picker').textContent()).toBe('No colleague has a name starting with that.');
    await author.page.keyboard.press('Backspace');
    await author.page.keyboard.press('Backspace');
    await author.page.keyboard.type('Beth');
    await expect.poll(() => options.allTextContents()).toEqual(['@Bethan Jones', '@Bethan Prys']);
    await author.page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBe(await options.nth(1).getAttribute('id'));
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    await author.page.screenshot({ path: 'dist/mention-picker.png' });
    await author.page.keyboard.press('Enter');
    await expect.poll(() => input.inputValue()).toBe('Over to @Bethan Prys ');
    expect(await author.page.getByTestId('mention-picker').count()).toBe(0);
    await author.page.keyboard.type('who knows the family?');
    expect(await input.inputValue()).toBe('Over to @Bethan Prys who knows the family?');
    expect(await author.page.getByTestId('mention-picker').count()).toBe(0);

    await author.page.getByTestId('composer-send').click();
    const alert = colleague.page.getByTestId('mention-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Owen Price mentioned you in a note on SMD-');
    await author.page.close();
    await colleague.page.close();
  });

  it('closes the colleague list with Escape, and picks with the mouse too', async () => {
    await colleagueNamed('Gareth Lloyd');
    const author = await signedInAs('Nia Hughes');
    await messageArrives(desk, author.cookie, { text: 'Lost dog near the park' });
    await author.page.getByTestId('thread-item').filter({ hasText: 'Lost dog near the park' }).click();
    await author.page.getByTestId('composer-mode-note').click();
    const input = author.page.getByTestId('composer-input');
    await input.click();
    await author.page.keyboard.type('@Gar');
    const picker = author.page.getByTestId('mention-picker');
    await picker.waitFor();
    await author.page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    expect(await input.evaluate((element) => element === document.activeElement)).toBe(true);

    await author.page.keyboard.type('e');
    await author.page.getByTestId('mention-option').filter({ hasText: 'Gareth Lloyd' }).click();
    await expect.poll(() => input.inputValue()).toBe('@Gareth Lloyd ');

    // In a reply to the public, @ is just a character.
    await author.page.getByTestId('composer-mode-reply').click();
    await input.fill('');
    await input.click();
    await author.page.keyboard.type('@Gar');
    expect(await author.page.getByTestId('mention-picker').count()).toBe(0);
    await author.page.close();
  });
});
