import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axe from 'axe-core';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchBrowser, signInThroughTheUi } from '../../scripts/testing/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

let desk: TestDesk;
let browser: Browser;
let neutralSite: Server;
let neutralUrl: string;

// A phone: the public pages are used mostly on one.
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true };

beforeAll(async () => {
  // Stands in for the neutral site quick exit goes to (the tests run without the internet).
  neutralSite = createServer((request, response) => {
    response.setHeader('content-type', 'text/html');
    if (request.url === '/force-website') {
      // The force's own website, another origin, with the one tag the widget needs.
      response.end(`<!doctype html><html lang="en"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Anytown Police</title><h1>Anytown Police</h1><script src="${desk.url}/widget.js" async></script></html>`);
      return;
    }
    response.end(request.url === '/before' ? '<title>Before</title><p>Somewhere else</p>' : '<title>Weather</title><p>Sunny spells</p>');
  });
  await new Promise<void>((resolve) => neutralSite.listen(0, '127.0.0.1', resolve));
  neutralUrl = `http://127.0.0.1:${(neutralSite.address() as AddressInfo).port}`;
  desk = await startTestDesk({
    environment: { PUBLIC_QUICK_EXIT_URL: `${neutralUrl}/weather`, PUBLIC_DESK_HOURS: hoursExcludingNow(), PUBLIC_REPORT_TEAMS: 'criminal_damage=CID' },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await desk?.close();
  await new Promise((resolve) => neutralSite?.close(resolve));
});

/** Short action timeouts, so a failure names the step instead of the whole test timing out. */
async function newContext(options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(10_000);
  // The public pages should log no errors; a failure's cause is often in them.
  context.on('page', (page) =>
    page.on('console', (message) => message.type() === 'error' && page.url().includes('/contact') && console.error(`[browser] ${message.text()}`)),
  );
  return context;
}

async function agentInbox(): Promise<{ page: Page; context: BrowserContext }> {
  const { email } = await desk.signIn();
  const context = await newContext({});
  const page = await context.newPage();
  await signInThroughTheUi(page, desk.url, email);
  return { page, context };
}

/** An hour-long staffed window that starts two hours from now (UK time): the desk is closed now. */
function hoursExcludingNow(): string {
  const ukHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
  const pad = (hour: number) => String(hour % 24).padStart(2, '0');
  return `${pad(ukHour + 2)}:00-${pad(ukHour + 3)}:00`;
}

async function axeViolations(page: Page): Promise<string[]> {
  // The desk's Content-Security-Policy refuses injected script tags: axe runs through the debugging protocol instead.
  await page.evaluate(axe.source);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    }),
  );
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

describe('web chat in a real browser', () => {
  it('lets a visitor chat with an agent live, and keeps the conversation across a reload', async () => {
    const agent = await agentInbox();
    const visitorContext = await newContext(PHONE);
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${desk.url}/contact/chat`);

    // The 999 warning comes before any typing.
    await visitor.getByTestId('emergency-warning').waitFor();
    expect(await visitor.getByTestId('chat-input').count()).toBe(0);
    await visitor.getByTestId('chat-start').click();
    await visitor.getByTestId('chat-input').fill('Someone keeps trying car doors on Elm Street');
    await visitor.getByTestId('chat-send').click();

    const reference = await visitor.getByTestId('chat-reference-number').textContent();
    expect(reference).toMatch(/^SMD-\d{4}-\d{6}$/);
    const item = agent.page.getByTestId('thread-item').filter({ hasText: 'trying car doors' });
    await item.waitFor();
    expect(await item.getAttribute('data-reference')).toBe(reference);
    await item.click();
    const view = agent.page.getByTestId('thread-view');
    await view.getByTestId('message').filter({ hasText: 'trying car doors' }).waitFor();

    await visitor.getByTestId('chat-input').fill('They are wearing a grey hoodie');
    await expect.poll(() => view.getByTestId('visitor-activity').textContent()).toBe('The visitor is typing…');
    await visitor.getByTestId('chat-send').click();
    await view.getByTestId('message').filter({ hasText: 'grey hoodie' }).waitFor();

    await agent.page.getByTestId('composer-input').fill('Thank you, a patrol is on the way.');
    await expect.poll(() => visitor.getByTestId('agent-typing').textContent()).toBe('Someone from our team is typing…');
    await agent.page.getByTestId('composer-send').click();
    const reply = visitor.locator('[data-testid="chat-line"][data-from="desk"]').filter({ hasText: 'a patrol is on the way' });
    await reply.waitFor();

    await visitor.reload();
    await visitor.locator('[data-testid="chat-line"]').filter({ hasText: 'a patrol is on the way' }).waitFor();
    expect(await visitor.getByTestId('chat-line').allTextContents()).toEqual([
      'YouSomeone keeps trying car doors on Elm Street',
      'YouThey are wearing a grey hoodie',
      'PoliceThank you, a patrol is on the way.',
    ]);
    expect(await visitor.getByTestId('chat-reference-number').textContent()).toBe(reference);

    const download = visitor.waitForEvent('download');
    await visitor.getByTestId('chat-transcript').click();
    const transcript = readFileSync((await (await download).path())!, 'utf8');
    expect(transcript).toContain(`Your reference number is ${reference}.`);
    expect(transcript).toContain('Police: Thank you, a patrol is on the way.');

    await visitor.screenshot({ path: 'dist/screenshots/chat-phone.png', fullPage: true });
    await visitorContext.close();
    await agentContextsAfter(agent, reference!);
  });

  async function agentContextsAfter(agent: { page: Page; context: BrowserContext }, reference: string) {
    // The visitor has gone: the agent is told, and can still reply for when they come back.
    const view = agent.page.getByTestId('thread-view');
    await expect.poll(() => view.getByTestId('visitor-activity').textContent()).toMatch(/has left the chat/);
    await agent.page.getByTestId('composer-input').fill('Please get back in touch if you see them again.');
    await agent.page.getByTestId('composer-send').click();
    await view.locator('[data-testid="message"][data-status="sent"]').filter({ hasText: 'get back in touch' }).waitFor();
    expect(await agent.page.getByTestId('thread-item').filter({ hasText: 'get back in touch' }).getAttribute('data-reference')).toBe(reference);
    await agent.context.close();
  }

  it('comes back to the same conversation on the same device, with replies sent while away', async () => {
    const agent = await agentInbox();
    const visitorContext = await newContext(PHONE);
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${desk.url}/contact/chat`);
    await visitor.getByTestId('chat-start').click();
    await visitor.getByTestId('chat-input').fill('Lost purse on the number 7 bus, photo: https://example.org/purse.jpg');
    await visitor.getByTestId('chat-send').click();
    await visitor.getByTestId('chat-reference-number').waitFor();
    await visitor.close();

    await agent.page.getByTestId('thread-item').filter({ hasText: 'Lost purse' }).click();
    // A link from the public is not clickable until the agent asks to see it.
    const message = agent.page.getByTestId('message').filter({ hasText: 'Lost purse' });
    await message.waitFor();
    expect(await message.locator('a').count()).toBe(0);
    await message.getByTestId('show-links').click();
    await expect.poll(() => agent.page.getByTestId('visitor-activity').textContent()).toMatch(/has left the chat/);
    expect(await message.getByTestId('message-links').locator('a').getAttribute('href')).toBe('https://example.org/purse.jpg');
    await agent.page.getByTestId('composer-input').fill('It has been handed in at the station.');
    await agent.page.getByTestId('composer-send').click();
    await agent.page.locator('[data-testid="message"][data-status="sent"]').filter({ hasText: 'handed in' }).waitFor();

    const returning = await visitorContext.newPage();
    await returning.goto(`${desk.url}/contact/chat`);
    await returning.locator('[data-testid="chat-line"][data-from="desk"]').filter({ hasText: 'handed in at the station' }).waitFor();
    await visitorContext.close();
    await agent.context.close();
  });
});

describe('the chat widget on the force’s website', () => {
  it('opens the chat from one script tag, and quick exit inside it leaves the whole website', async () => {
    const agent = await agentInbox();
    const context = await newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${neutralUrl}/before`);
    await page.goto(`${neutralUrl}/force-website`);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    const chat = page.frameLocator('iframe[title="Chat with us"]');
    await chat.getByTestId('chat-start').click();
    await chat.getByTestId('chat-input').fill('Is the police station open on Sundays?');
    await chat.getByTestId('chat-send').click();
    const reference = await chat.getByTestId('chat-reference-number').textContent();
    const item = agent.page.getByTestId('thread-item').filter({ hasText: 'open on Sundays' });
    await item.waitFor();
    expect(await item.getAttribute('data-reference')).toBe(reference);
    await page.screenshot({ path: 'dist/screenshots/widget-phone.png' });

    await chat.getByTestId('chat-input').press('Escape');
    await page.waitForURL(`${neutralUrl}/weather`);
    await page.goBack();
    expect(page.url()).toBe(`${neutralUrl}/before`);
    await context.close();
    await agent.context.close();
  });
});

describe('online report form in a real browser', () => {
  it('asks about danger first, takes a report in steps, and shows the reference the inbox shows', async () => {
    const agent = await agentInbox();
    const context = await newContext(PHONE);
    const reporter = await context.newPage();
    await reporter.goto(`${desk.url}/contact/report`);

    await reporter.getByLabel('Yes').check();
    await reporter.getByTestId('call-999').waitFor();
    await reporter.screenshot({ path: 'dist/screenshots/report-danger-phone.png' });
    expect(await reporter.getByTestId('report-next').count()).toBe(0);
    await reporter.getByLabel('No', { exact: true }).check();
    await reporter.getByTestId('report-next').click();

    await reporter.getByTestId('report-next').click();
    await reporter.getByTestId('report-problems').waitFor();
    await reporter.getByLabel('Criminal damage').check();
    await reporter.getByLabel('Tell us what happened').fill('My garden fence was kicked down');
    await reporter.getByTestId('report-next').click();
    await reporter.getByLabel('When did it happen?').fill('Saturday night');
    await reporter.getByLabel('Where did it happen?').fill('14 Oak Avenue, Anytown');
    await reporter.getByTestId('report-next').click();
    await reporter.getByLabel(/Details of any suspect or vehicle/).fill('A white van, partial plate AB12');
    await reporter.getByTestId('report-next').click();
    await reporter.getByLabel('Your name (optional)').fill('Pat Resident');
    await reporter.getByLabel('By email').check();
    await reporter.getByLabel('Email address').fill('pat@example.org');
    await reporter.getByTestId('report-next').click();
    await reporter.getByTestId('report-summary').filter({ hasText: '14 Oak Avenue' }).waitFor();
    await reporter.screenshot({ path: 'dist/screenshots/report-check-phone.png', fullPage: true });
    await reporter.getByTestId('report-next').click();

    const reference = await reporter.getByTestId('report-reference').textContent();
    const code = await reporter.getByTestId('report-code').textContent();
    expect(reference).toMatch(/^SMD-\d{4}-\d{6}$/);
    await reporter.screenshot({ path: 'dist/screenshots/report-receipt-phone.png', fullPage: true });

    const item = agent.page.getByTestId('thread-item').filter({ hasText: 'Online report' }).filter({ hasText: 'Pat Resident' });
    await item.waitFor();
    expect(await item.getAttribute('data-reference')).toBe(reference);
    // Criminal damage reports start in CID's queue (PUBLIC_REPORT_TEAMS).
    await agent.page.getByTestId('view-team').filter({ hasText: 'CID' }).click();
    const queued = agent.page.getByTestId('thread-item').filter({ hasText: 'Pat Resident' });
    await queued.waitFor();
    expect(await queued.getAttribute('data-reference')).toBe(reference);
    await agent.page.getByTestId('view-all').click();

    // Later, with the reference and the code, the reporter adds something.
    await reporter.goto(`${desk.url}/contact/report/add`);
    await reporter.getByTestId('add-reference').fill(reference!);
    await reporter.getByTestId('add-code').fill(code!);
    await reporter.getByTestId('add-find').click();
    await reporter.getByTestId('report-line').filter({ hasText: 'fence was kicked down' }).waitFor();
    await reporter.getByTestId('add-text').fill('A neighbour has doorbell camera footage');
    await reporter.getByTestId('add-send').click();
    await reporter.getByTestId('add-done').waitFor();
    await agent.page.getByTestId('thread-item').filter({ hasText: 'doorbell camera footage' }).waitFor();
    await context.close();
    await agent.context.close();
  });
});

describe('quick exit', () => {
  for (const how of ['the button', 'the Escape key'] as const) {
    it(`leaves for a neutral site with ${how}, and Back does not return to the page`, async () => {
      const context = await newContext(PHONE);
      const page = await context.newPage();
      await page.goto(`${neutralUrl}/before`);
      await page.goto(`${desk.url}/contact/report`);
      await page.getByTestId('quick-exit').waitFor();
      if (how === 'the button') await page.getByTestId('quick-exit').click();
      else await page.keyboard.press('Escape');
      await page.waitForURL(`${neutralUrl}/weather`);
      await page.goBack();
      expect(page.url()).toBe(`${neutralUrl}/before`);
      await context.close();
    });
  }
});

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  for (const language of ['en', 'cy'] as const) {
    it(`finds nothing on the chat page in ${language === 'en' ? 'English' : 'Welsh'}, before and during a chat`, async () => {
      const context = await newContext(PHONE);
      const page = await context.newPage();
      await page.goto(`${desk.url}/contact/chat?lang=${language}`);
      await page.getByTestId('chat-start').waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe(language === 'cy' ? 'cy' : 'en-GB');
      // This desk is staffed for one hour, two hours from now: the chat says so, and still works.
      expect(await page.getByTestId('out-of-hours').textContent()).toMatch(language === 'cy' ? /bob dydd/ : /every day/);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByTestId('chat-start').click();
      await page.getByTestId('chat-input').fill(language === 'cy' ? 'Helo' : 'Hello');
      await page.getByTestId('chat-send').click();
      await page.getByTestId('chat-reference-number').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      if (language === 'cy') await page.screenshot({ path: 'dist/screenshots/chat-welsh-phone.png', fullPage: true });
      await context.close();
    });

    it(`finds nothing on the report form in ${language === 'en' ? 'English' : 'Welsh'}, including its error messages`, async () => {
      const context = await newContext(PHONE);
      const page = await context.newPage();
      await page.goto(`${desk.url}/contact/report?lang=${language}`);
      await page.getByTestId('report-form').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByTestId('report-next').click();
      await page.getByTestId('report-problems').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('#danger-no').check();
      await page.getByTestId('report-next').click();
      await page.locator('[data-step="what"]').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${desk.url}/contact/report/add?lang=${language}`);
      await page.getByTestId('add-find').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
