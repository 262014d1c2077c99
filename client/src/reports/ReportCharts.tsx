import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';

// Fixed sizes: the page is read on desk monitors and printed on A4; a table under each chart
// carries the same figures for anyone who cannot read the chart.
const WIDTH = 760;
const HEIGHT = 260;
const COLOURS = ['#1d3557', '#8fb0d6', '#b58b00', '#00703c', '#a50e1c'];

export interface ChartSeries {
  key: string;
  name: string;
  kind?: 'bar' | 'line';
  stack?: string;
}

export function ReportChart({ data, series, label }: { data: Array<Record<string, string | number | null>>; series: ChartSeries[]; label: string }) {
  const hasLine = series.some((entry) => entry.kind === 'line');
  const Chart = hasLine ? ComposedChart : BarChart;
  return (
    <figure className="report-chart" aria-label={label}>
      <Chart width={WIDTH} height={HEIGHT} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" interval="preserveStartEnd" fontSize={12} />
        <YAxis allowDecimals={false} fontSize={12} />
        <Tooltip />
        <Legend />
        {series.map((entry, index) =>
          entry.kind === 'line' ? (
            <Line key={entry.key} type="monotone" dataKey={entry.key} name={entry.name} stroke={COLOURS[index % COLOURS.length]} isAnimationActive={false} />
          ) : (
            <Bar key={entry.key} dataKey={entry.key} name={entry.name} fill={COLOURS[index % COLOURS.length]} stackId={entry.stack} isAnimationActive={false} />
          ),
        )}
      </Chart>
    </figure>
  );
}
