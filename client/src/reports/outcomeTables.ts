import { TEMPLATES, type BroadcastTemplate } from '../../../shared/broadcasts';
import type { ReportResponse, ReportTable } from '../../../shared/reports';

// Escalation outcomes and broadcasts, built once here like reportTables.ts: the page, the CSV and
// the printed summary show the same cells.

/** The outcome kinds present, in the order the server lists them (configured order within a team), "Not recorded" last. */
function outcomeColumns(report: ReportResponse): Array<{ kind: string; label: string }> {
  const seen = new Map<string, string>();
  for (const row of report.escalationOutcomes) if (!seen.has(row.outcomeKind)) seen.set(row.outcomeKind, row.outcomeLabel);
  const columns = [...seen].map(([kind, label]) => ({ kind, label }));
  return [...columns.filter((column) => column.kind !== 'not_recorded'), ...columns.filter((column) => column.kind === 'not_recorded')];
}

/** One row a team, one column an outcome kind, then the team's total. */
export function escalationOutcomesTable(report: ReportResponse): ReportTable {
  const columns = outcomeColumns(report);
  const teams = [...new Set(report.escalationOutcomes.map((row) => row.team))];
  const count = (team: string, kind: string) => report.escalationOutcomes.find((row) => row.team === team && row.outcomeKind === kind)?.resolved ?? 0;
  return {
    columns: ['Team', ...columns.map((column) => column.label), 'Resolved'],
    rows: teams.map((team) => [team, ...columns.map((column) => count(team, column.kind)), columns.reduce((sum, column) => sum + count(team, column.kind), 0)]),
  };
}

/** Chart rows: a team each, with a value per outcome kind. */
export function escalationOutcomesChart(report: ReportResponse) {
  const columns = outcomeColumns(report);
  const teams = [...new Set(report.escalationOutcomes.map((row) => row.team))];
  return {
    series: columns.map((column) => ({ key: column.kind, name: column.label, stack: 'outcome' })),
    data: teams.map((team) => ({
      label: team,
      ...Object.fromEntries(columns.map((column) => [column.kind, report.escalationOutcomes.find((row) => row.team === team && row.outcomeKind === column.kind)?.resolved ?? 0])),
    })),
  };
}

export function templateLabel(template: string): string {
  return TEMPLATES[template as BroadcastTemplate]?.label ?? template;
}

export function broadcastsTable(report: ReportResponse): ReportTable {
  const total = (pick: (row: ReportResponse['broadcasts'][number]) => number) => report.broadcasts.reduce((sum, row) => sum + pick(row), 0);
  return {
    columns: ['Template', 'Broadcasts published', 'Facebook posts', 'X posts', 'Withdrawn since'],
    rows: [
      ...report.broadcasts.map((row) => [templateLabel(row.template), row.published, row.facebookPosts, row.xPosts, row.withdrawn]),
      ['Total', total((row) => row.published), total((row) => row.facebookPosts), total((row) => row.xPosts), total((row) => row.withdrawn)],
    ],
  };
}
