import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** A report table as a reader sees it: one array of cell texts a row, header first. */
export async function tableCells(page: Page, testId: string): Promise<string[][]> {
  return page.getByTestId(testId).evaluate((table) =>
    [...table.querySelectorAll('tr')].map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '')),
  );
}

/** Clicks the CSV button under a report table and reads the file the browser saved. */
export async function downloadTableCsv(page: Page, testId: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByTestId(testId).locator('..').getByRole('button', { name: /CSV/ }).click();
  return readFileSync((await (await download).path())!, 'utf8');
}

/** RFC 4180 as a spreadsheet reads it: quoted cells may hold commas, quotes ("") and line breaks. */
export function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let isQuoted = false;
  for (let index = 0; index < csv.length; index += 1) {
    const char = csv[index]!;
    if (isQuoted && char === '"' && csv[index + 1] === '"') {
      cell += '"';
      index += 1;
    } else if (char === '"') {
      isQuoted = !isQuoted;
    } else if (isQuoted || (char !== ',' && char !== '\r')) {
      cell += char;
    } else if (char === ',') {
      row.push(cell);
      cell = '';
    } else {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      index += 1; // the \n of \r\n
    }
  }
  return rows;
}
