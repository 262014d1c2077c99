import { describe, expect, it } from 'vitest';
import { tableToCsv, type ReportResponse } from '../../../shared/reports';
import { broadcastsTable, escalationOutcomesTable } from './outcomeTables';

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
    expect(escalationOutcomesTable(report)).toEqual({
      columns: ['Team', 'Officer deployed', 'Advice given', 'Not recorded', 'Resolved'],
      rows: [
        ['Control room', 0, 0, 2, 2],
        ['Roads policing', 3, 1, 0, 4],
      ],
    });
  });
});

describe('the broadcasts table', () => {
  it('names templates as the broadcast form does and totals every column, in the CSV too', () => {
    const table = broadcastsTable(report);
    expect(table.rows).toEqual([
      ['Road closure', 2, 2, 1, 0],
      ['Missing person', 1, 1, 1, 1],
      ['Total', 3, 3, 2, 1],
    ]);
    expect(tableToCsv(table).split('\r\n')[3]).toBe('Total,3,3,2,1');
  });
});
