import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReportHistory } from '../../server/reports/reports.fixture';
import { seriousAccessibilityProblems } from '../../scripts/testing/accessibility';
import { launchBrowser, signInThroughTheUi } from '../../scripts/testing/browser';
import { downloadTableCsv, parseCsv, tableCells } from '../../scripts/testing/report-tables';
import { startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

let desk: TestDesk;
let browser: Browser;

beforeAll(async () => {
  desk = await startTestDesk();
  await seedReportHistory(desk.desk.database.db);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

/** An admin whose screen language (kept on their account) is Welsh, signed in on a fresh machine. */
async function welshAdmin(): Promise<Page> {
  const { email, cookie } = await desk.signIn('admin');
  await desk.api('/api/auth/me/language', { method: 'PUT', cookie, body: { uiLanguage: 'cy' } });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await signInThroughTheUi(page, desk.url, email);
  await expect.poll(() => page.getAttribute('html', 'lang')).toBe('cy');
  return page;
}

describe('the desk’s other pages in Welsh, in a real browser', () => {
  it('shows a Welsh admin the reports in Welsh, month names and CSV headings too, with the figures unchanged', { timeout: 90_000 }, async () => {
    const page = await welshAdmin();
    await page.getByTestId('desk-menu').click();
    await page.getByRole('menuitem', { name: 'Adroddiadau' }).click();
    await page.getByRole('heading', { name: 'Adroddiadau', level: 1 }).waitFor();
    await page.getByLabel('Mis cyfan').fill('2026-10');
    await page.getByLabel('Grwpio fesul').selectOption('month');

    await expect.poll(() => tableCells(page, 'table-volumes')).toEqual([
      ['Cyfnod', 'I mewn', 'Allan (pobl)', 'Allan (awtomatig)', 'Sgyrsiau newydd'],
      ['Hydref 2026', '5', '2', '2', '4'],
      ['Cyfanswm', '5', '2', '2', '4'],
    ]);
    expect(await page.getByRole('heading', { name: 'Negeseuon a sgyrsiau newydd fesul mis' }).isVisible()).toBe(true);
    expect(await page.getByText('Ymateb cyntaf: o’r adeg y cyrhaeddodd').isVisible()).toBe(true);
    expect((await tableCells(page, 'table-escalation-outcomes'))[0]).toEqual(['Tîm', 'Advice given', 'Officer deployed', 'Heb ei gofnodi', 'Wedi’u datrys']);
    expect((await tableCells(page, 'table-broadcasts')).map((row) => row[0])).toEqual(['Templed', 'Ffordd ar gau', 'Person ar goll', 'Cyfanswm']);
    expect((await tableCells(page, 'table-response-times'))[1]![0]).toBe('Y ddesg gyfan');

    // The CSV says what the table says: Welsh headings and labels, the same figures.
    for (const table of ['table-volumes', 'table-broadcasts']) expect(parseCsv(await downloadTableCsv(page, table))).toEqual(await tableCells(page, table));
    expect(await page.getByRole('button', { name: /Lawrlwytho CSV/ }).count()).toBeGreaterThanOrEqual(8);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.getByRole('link', { name: /Crynodeb i’w argraffu: Hydref 2026/ }).click();
    await page.getByRole('heading', { name: 'Desg Gymdeithasol: Hydref 2026' }).waitFor();
    expect(await page.getByTestId('summary-figures').textContent()).toContain('CLG wedi’i fodloni50% (2 o 4)');
    expect(await page.getByRole('button', { name: 'Argraffu' }).isVisible()).toBe(true);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('shows a Welsh admin the broadcasts page and its composer in Welsh', { timeout: 90_000 }, async () => {
    const page = await welshAdmin();
    await page.getByTestId('desk-menu').click();
    await page.getByTestId('open-broadcasts').click();
    await page.getByRole('heading', { name: 'Darllediadau', level: 1 }).waitFor();
    // the report history holds broadcasts: one awaits approval, others went out
    const awaiting = page.getByTestId('broadcast').filter({ hasText: 'Apêl am berson a geisir' });
    expect(await awaiting.getByTestId('broadcast-status').textContent()).toBe('yn aros am gymeradwyaeth');
    expect(await awaiting.getByTestId('broadcast-approve').textContent()).toBe('Cymeradwyo');
    expect(await page.getByTestId('broadcast').filter({ hasText: 'Ffordd ar gau' }).first().getByTestId('broadcast-channel-status-facebook').textContent()).toContain('Facebook: Wedi’i gyhoeddi');
    await page.getByTestId('new-broadcast').click();
    await page.getByRole('heading', { name: 'Darllediad newydd' }).waitFor();
    expect(await page.getByTestId('broadcast-template').locator('option').allTextContents()).toContain('Person ar goll');
    expect(await page.getByLabel('Gwelwyd ddiwethaf').count()).toBe(1);
    expect(await page.getByText('Geiriau’r postiad (golygwch os oes angen)').isVisible()).toBe(true);
    expect(await page.getByTestId('broadcast-submit').textContent()).toMatch(/^(Anfon i’w gymeradwyo|Cyhoeddi)$/);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('shows a Welsh admin the accounts, supervision, API tokens and integrations pages in Welsh', { timeout: 90_000 }, async () => {
    const page = await welshAdmin();
    await page.getByTestId('open-accounts-admin').click();
    const accounts = page.getByTestId('accounts-admin');
    await accounts.getByRole('heading', { name: 'Cyfrifon' }).waitFor();
    expect(await accounts.getByRole('columnheader').allTextContents()).toEqual(['Enw', 'Rôl', 'Timau', 'Statws']);
    await accounts.getByRole('row').filter({ hasText: 'Gweithredol' }).first().waitFor();
    expect(await accounts.getByRole('button', { name: 'Creu cyfrif' }).isVisible()).toBe(true);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await accounts.getByRole('button', { name: 'Cau' }).click();

    await page.getByTestId('open-supervision').click();
    const supervision = page.getByTestId('supervision-panel');
    await supervision.getByRole('heading', { name: 'Goruchwylio' }).waitFor();
    await supervision.getByRole('heading', { name: 'Llwyth gwaith yr asiantau' }).waitFor();
    expect(await supervision.getByText('Does dim atebion yn aros am gymeradwyaeth.').isVisible()).toBe(true);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await supervision.getByRole('button', { name: 'Cau' }).last().click();

    await page.getByTestId('desk-menu').click();
    await page.getByRole('menuitem', { name: 'Tocynnau API' }).click();
    await page.getByRole('heading', { name: 'Tocynnau API', level: 1 }).waitFor();
    expect(await page.getByRole('group', { name: 'Cwmpasau' }).getByText('Darllen adroddiadau').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Creu tocyn' }).isVisible()).toBe(true);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.goto(`${desk.url}/integrations`);
    await page.getByRole('heading', { name: 'Integreiddiadau', level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'Tanysgrifio' }).isVisible()).toBe(true);
    expect(await page.getByText('Sgwrs wedi’i chreu').isVisible()).toBe(true);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.context().close();
  });
});
