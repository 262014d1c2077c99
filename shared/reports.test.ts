import { describe, expect, it } from 'vitest';
import { reportQuerySchema, tableToCsv } from './reports';

describe('a report table as CSV', () => {
  it('repeats the columns and rows, quoting commas, quotes and line breaks', () => {
    const csv = tableToCsv({
      columns: ['Team', 'Raised'],
      rows: [
        ['Roads, policing', 3],
        ['The "desk"', 0],
        ['Two\nlines', null],
      ],
    });
    expect(csv).toBe('Team,Raised\r\n"Roads, policing",3\r\n"The ""desk""",0\r\n"Two\nlines",\r\n');
  });
});

describe('a report period', () => {
  it('defaults to months and refuses more than a little over a year', () => {
    expect(reportQuerySchema.parse({ from: '2026-01-01', to: '2026-12-31' }).bucket).toBe('month');
    expect(reportQuerySchema.safeParse({ from: '2024-01-01', to: '2026-12-31' }).success).toBe(false);
  });
});
