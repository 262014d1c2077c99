import { useTranslation } from 'react-i18next';
import { tableToCsv, type ReportTable } from '../../../shared/reports';

/** A report table, and the same table as a CSV file (its headings in the agent's language too, like the table). */
export function ReportTableView({ table, caption, fileName }: { table: ReportTable; caption: string; fileName: string }) {
  const { t } = useTranslation();
  function downloadCsv() {
    const url = URL.createObjectURL(new Blob([tableToCsv(table)], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${fileName}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    // Freed only once a slow or busy browser has surely started the download (a few KB meanwhile).
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return (
    <div className="report-table">
      <table data-testid={`table-${fileName}`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, index) => (
            <tr key={index}>
              {row.map((value, column) =>
                column === 0 ? (
                  <th key={column} scope="row">
                    {value}
                  </th>
                ) : (
                  <td key={column}>{value}</td>
                ),
              )}
            </tr>
          ))}
          {table.rows.length === 0 && (
            <tr>
              <td colSpan={table.columns.length}>{t('reports.nothingInPeriod')}</td>
            </tr>
          )}
        </tbody>
      </table>
      <button type="button" className="button report-csv" onClick={downloadCsv}>
        {t('reports.downloadCsv')}<span className="visually-hidden">: {caption}</span>
      </button>
    </div>
  );
}
