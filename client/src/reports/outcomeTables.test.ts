import { describe, expect, it } from 'vitest';
import { tableToCsv, type ReportResponse } from '../../../shared/reports';
import { deskTranslations } from '../i18n';
import { broadcastsTable, escalationOutcomesTable } from './outcomeTables';

const english = { t: deskTranslations('en').t };
const welsh = { t: deskTranslations('cy').t };

const report = {
  escalationOutcomes: [
    { team: 'Control room', outcomeKind: 'not_recorded', outcomeLabel: 'Not recorded', resolved: 2 },
    { team: 'Roads policing', outcomeKind: 'officer_deployed', outcomeLabel: 'Officer deployed', resolved: 3 },
    { team: 'Roads policing', outcomeKind: 'advice_given', outcomeLabel: 'Advice given', resolved: 1 },
  ],
  broadcasts: [
    { template: 'road_closure', published: 2, facebookPosts: 2, xPosts: 1, withdrawn: 0 },
    { template: 'missing_person', published: 1, facebookPosts: 1, xPosts: 1, withdrawn: 1 },
  ],
} as unknown as ReportResponse;

describe('the escalation outcome table', () => {
  it('gives a row a team and a column an outcome kind, not recorded last, zero where a team had none', () => {
    expect(escalationOutcomesTable(report, english)).toEqual({
      columns: ['Team', 'Officer deployed', 'Advice given', 'Not recorded', 'Resolved'],
      rows: [
        ['Control room', 0, 0, 2, 2],
        ['Roads policing', 3, 1, 0, 4],
      ],
    });
  });

  it('names the desk’s own “Not recorded” in Welsh, and the outcome kinds as the force configured them', () => {
    expect(escalationOutcomesTable(report, welsh).columns).toEqual(['Tîm', 'Officer deployed', 'Advice given', 'Heb ei gofnodi', 'Wedi’u datrys']);
  });
});

describe('the broadcasts table', () => {
  it('names templates as the broadcast form does and totals every column, in the CSV too', () => {
    const table = broadcastsTable(report, english);
    expect(table.rows).toEqual([
      ['Road closure', 2, 2, 1, 0],
      ['Missing person', 1, 1, 1, 1],
      ['Total', 3, 3, 2, 1],
    ]);
    expect(tableToCsv(table).split('\r\n')[3]).toBe('Total,3,3,2,1');
  });

  it('speaks Welsh to a Welsh agent, in the CSV too, with the figures unchanged', () => {
    const table = broadcastsTable(report, welsh);
    expect(table.columns[0]).toBe('Templed');
    expect(table.rows.map((row) => row[0])).toEqual(['Ffordd ar gau', 'Person ar goll', 'Cyfanswm']);
    expect(tableToCsv(table).split('\r\n')[3]).toBe('Cyfanswm,3,3,2,1');
  });
});
