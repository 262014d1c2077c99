import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from '../../scripts/services/chromium';
import { parseCsv, tableCells } from '../../scripts/testing/report-tables';
import { startTestDesk, TEST_PASSWORD, type TestDesk } from '../../scripts/testing/test-desk';
import { seedReportHistory } from '../../server/reports/reports.fixture';

let desk: TestDesk;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync('dist/client/index.html')) {
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the client did not build');
  }
  desk = await startTestDesk();
  await seedReportHistory(desk.desk.database.db);
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

async function signedInPage(role: 'agent' | 'supervisor'): Promise<Page> {
  const { email } = await desk.signIn(role);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await page.goto(desk.url);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(TEST_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('inbox').waitFor();
  return page;
}

describe('reports, in a real browser', () => {
  // Downloads and compares every table's CSV: a minute and a half leaves room on a loaded machine.
  it('lets a supervisor open October’s report from the inbox, with a chart and a table per figure, and a CSV that matches the table', { timeout: 90_000 }, async () => {
    const page = await signedInPage('supervisor');
    await page.getByTestId('desk-menu').click();
    await page.getByRole('menuitem', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    await page.getByLabel('Whole month').fill('2026-10');
    await page.getByLabel('Group by').selectOption('month');

    const volumes = page.getByTestId('table-volumes');
    await expect.poll(async () => (await tableCells(page, 'table-volumes')).slice(1)).toEqual([
      ['October 2026', '5', '2', '2', '4'],
      ['Total', '5', '2', '2', '4'],
    ]);
    expect(await page.locator('.report-chart svg').count()).toBeGreaterThanOrEqual(8);
    expect(await page.getByText('First response: from the first inbound message').isVisible()).toBe(true);
    expect(await page.getByText('Broadcasts published: broadcasts whose first channel post went out').isVisible()).toBe(true);
    expect(await page.getByText('Outcomes: escalations raised in the period and resolved by now').isVisible()).toBe(true);

    const download = page.waitForEvent('download');
    await volumes.locator('..').getByRole('button', { name: /Download CSV/ }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    const csvRows = csv.trimEnd().split('\r\n').map((line) => line.split(','));
    expect(csvRows).toEqual(await tableCells(page, 'table-volumes'));

    expect(await tableCells(page, 'table-escalation-outcomes')).toEqual([
      ['Team', 'Advice given', 'Officer deployed', 'Not recorded', 'Resolved'],
      ['Report desk', '1', '0', '1', '2'],
      ['Report roads', '0', '1', '0', '1'],
    ]);
    expect(await tableCells(page, 'table-broadcasts')).toEqual([
      ['Template', 'Broadcasts published', 'Facebook posts', 'X posts', 'Withdrawn since'],
      ['Road closure', '2', '2', '1', '0'],
      ['Missing person', '1', '1', '0', '1'],
      ['Total', '3', '3', '1', '1'],
    ]);
    // Every table has its CSV button; three of them (one writer serves all) download with the same
    // cells. Not all eleven: under a full parallel run the browser stalled on the tenth download.
    const tables = await page.locator('table[data-testid^="table-"]').evaluateAll((found) => found.map((table) => table.getAttribute('data-testid')!.slice(6)));
    expect(tables).toEqual(expect.arrayContaining(['volumes', 'by-channel', 'by-team', 'response-times', 'escalations', 'escalation-outcomes', 'agents', 'broadcasts']));
    for (const table of tables) await page.getByTestId(`table-${table}`).locator('..').getByRole('button', { name: /Download CSV/ }).waitFor();
    for (const table of ['volumes', 'escalation-outcomes', 'broadcasts']) {
      const tableDownload = page.waitForEvent('download');
      await page.getByTestId(`table-${table}`).locator('..').getByRole('button', { name: /Download CSV/ }).click();
      const tableCsv = readFileSync((await (await tableDownload).path())!, 'utf8');
      expect(parseCsv(tableCsv)).toEqual(await tableCells(page, `table-${table}`));
    }

    const responseTimes = await tableCells(page, 'table-response-times');
    expect(responseTimes[1]).toEqual(['Whole desk', '4', '3', '60', '108', '3', '3', '5.4', '2', '4', '50']);
    await page.close();
  });

  it('prints a monthly summary with the headline figures and their definitions', async () => {
    const page = await signedInPage('supervisor');
    await page.goto(`${desk.url}/reports/summary?month=2026-10`);
    await page.getByRole('heading', { name: 'Social Desk: October 2026' }).waitFor();
    const figures = page.getByTestId('summary-figures');
    expect(await figures.textContent()).toContain('Inbound messages5');
    expect(await figures.textContent()).toContain('SLA met50% (2 of 4)');
    expect(await figures.textContent()).toContain('Escalations raised4');
    expect(await figures.textContent()).toContain('Broadcasts published3');
    expect((await tableCells(page, 'table-2026-10-escalation-outcomes'))[1]).toEqual(['Report desk', '1', '0', '1', '2']);
    expect((await tableCells(page, 'table-2026-10-broadcasts')).at(-1)).toEqual(['Total', '3', '3', '1', '1']);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(true);
    await page.close();
  });

  it('shows no reports link to an agent, and tells one who goes to the address that reports are for supervisors', async () => {
    const page = await signedInPage('agent');
    await page.getByTestId('desk-menu').click();
    await page.getByRole('menuitem', { name: 'Shortcuts' }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Reports' }).count()).toBe(0);
    await page.goto(`${desk.url}/reports`);
    await page.getByText('Only supervisors and admins can see reports.').waitFor();
    await page.close();
  });
});
