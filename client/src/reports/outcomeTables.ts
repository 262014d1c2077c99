import type { ReportResponse, ReportTable } from '../../../shared/reports';
import type { ReportWords } from './reportTables';

// Escalation outcomes and broadcasts, built once here like reportTables.ts: the page, the CSV and
// the printed summary show the same cells.

/**
 * The outcome kinds present, in the order the server lists them (configured order within a team), "Not recorded" last.
 * Kinds are named as the force configured them; "Not recorded" is the desk's own, in the agent's language.
 */
function outcomeColumns(report: ReportResponse, { t }: ReportWords): Array<{ kind: string; label: string }> {
  const seen = new Map<string, string>();
  for (const row of report.escalationOutcomes) {
    if (!seen.has(row.outcomeKind)) seen.set(row.outcomeKind, row.outcomeKind === 'not_recorded' ? t('reports.notRecorded') : row.outcomeLabel);
  }
  const columns = [...seen].map(([kind, label]) => ({ kind, label }));
  return [...columns.filter((column) => column.kind !== 'not_recorded'), ...columns.filter((column) => column.kind === 'not_recorded')];
}

/** One row a team, one column an outcome kind, then the team's total. */
export function escalationOutcomesTable(report: ReportResponse, words: ReportWords): ReportTable {
  const columns = outcomeColumns(report, words);
  const teams = [...new Set(report.escalationOutcomes.map((row) => row.team))];
  const count = (team: string, kind: string) => report.escalationOutcomes.find((row) => row.team === team && row.outcomeKind === kind)?.resolved ?? 0;
  return {
    columns: [words.t('reports.team'), ...columns.map((column) => column.label), words.t('reports.resolved')],
    rows: teams.map((team) => [team, ...columns.map((column) => count(team, column.kind)), columns.reduce((sum, column) => sum + count(team, column.kind), 0)]),
  };
}

/** Chart rows: a team each, with a value per outcome kind. */
export function escalationOutcomesChart(report: ReportResponse, words: ReportWords) {
  const columns = outcomeColumns(report, words);
  const teams = [...new Set(report.escalationOutcomes.map((row) => row.team))];
  return {
    series: columns.map((column) => ({ key: column.kind, name: column.label, stack: 'outcome' })),
    data: teams.map((team) => ({
      label: team,
      ...Object.fromEntries(columns.map((column) => [column.kind, report.escalationOutcomes.find((row) => row.team === team && row.outcomeKind === column.kind)?.resolved ?? 0])),
    })),
  };
}

/** A template named as the broadcast form names it; one the desk no longer offers, as stored. */
export function templateLabel(template: string, { t }: ReportWords): string {
  return t(`broadcasts.templates.${template}.label`, { defaultValue: template });
}

export function broadcastsTable(report: ReportResponse, words: ReportWords): ReportTable {
  const { t } = words;
  const total = (pick: (row: ReportResponse['broadcasts'][number]) => number) => report.broadcasts.reduce((sum, row) => sum + pick(row), 0);
  return {
    columns: [t('reports.template'), t('reports.broadcastsPublished'), t('reports.facebookPosts'), t('reports.xPosts'), t('reports.withdrawnSince')],
    rows: [
      ...report.broadcasts.map((row) => [templateLabel(row.template, words), row.published, row.facebookPosts, row.xPosts, row.withdrawn]),
      [t('reports.total'), total((row) => row.published), total((row) => row.facebookPosts), total((row) => row.xPosts), total((row) => row.withdrawn)],
    ],
  };
}
