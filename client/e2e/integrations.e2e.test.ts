import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInThroughTheUi } from '../../scripts/testing/browser';
import { messageArrives } from '../../scripts/testing/desk-threads';
import { startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { startWebhookReceiver, type WebhookReceiver } from '../../scripts/testing/webhook-receiver';

// The C&C system and an integration are real HTTP servers; the desk is driven in Chromium.

let desk: TestDesk;
let browser: Browser;
let commandAndControl: WebhookReceiver;
let integration: WebhookReceiver;

beforeAll(async () => {
  commandAndControl = await startWebhookReceiver({ incidentNumber: 'INC-2026-0511' });
  integration = await startWebhookReceiver();
  desk = await startTestDesk({
    environment: { INCIDENT_WEBHOOK_URL: commandAndControl.url, INCIDENT_WEBHOOK_SECRET: 'c-and-c-secret-for-browser-tests', INTEGRATION_RETRY_DELAY_MS: '200' },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await desk?.close();
  await commandAndControl?.close();
  await integration?.close();
});

async function signedInPage(role: 'agent' | 'admin'): Promise<{ page: Page; cookie: string }> {
  const { email, cookie } = await desk.signIn(role);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signInThroughTheUi(page, desk.url, email);
  return { page, cookie };
}

describe('integrations, in a real browser', () => {
  it('escalates to the control room with an incident, and shows the number C&C gives once it is back (after a failed try), without reloading', async () => {
    const { page, cookie } = await signedInPage('agent');
    await messageArrives(desk, cookie, { text: 'Van driving the wrong way down the bypass' });
    await page.getByTestId('thread-item').filter({ hasText: 'wrong way down the bypass' }).click();
    await page.getByText('Escalate to a team').click();
    await page.getByTestId('escalation-team').selectOption({ label: 'Control room' });
    expect(await page.getByTestId('escalation-create-incident').isChecked()).toBe(true);
    await page.getByTestId('escalation-reason').fill('Wrong-way driver, live');
    commandAndControl.answerNext({ status: 500 });
    await page.getByTestId('escalation-submit').click();

    await page.getByTestId('incident-number').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('incident-number').textContent()).toBe('INC-2026-0511');
    expect(commandAndControl.received).toHaveLength(2);
    await page.close();
  });

  it('lets an admin subscribe an integration and read its delivery log', async () => {
    const { page, cookie } = await signedInPage('admin');
    await page.getByTestId('desk-menu').click();
    await page.getByRole('menuitem', { name: 'Integrations' }).click();
    await page.getByTestId('webhooks-page').waitFor();
    await page.getByTestId('webhook-url').fill(integration.url);
    await page.getByLabel('Thread created').check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByTestId('webhook-secret').waitFor();

    await messageArrives(desk, cookie, { text: 'Lost my dog near the canal' });
    await expect.poll(() => integration.received.length, { timeout: 10_000 }).toBe(1);
    await page.reload();
    const subscription = page.getByTestId('webhook-subscription').filter({ hasText: integration.url });
    await subscription.getByRole('button', { name: 'Delivery log' }).click();
    const delivered = page.getByTestId('webhook-deliveries').locator('tr[data-status="delivered"]');
    await delivered.waitFor();
    expect(await delivered.textContent()).toContain('Thread created');
    await page.close();
  });
});
