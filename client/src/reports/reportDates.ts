// Dates as the UK reads them: "this month" turns over at midnight Europe/London, not UTC.

export function todayInLondon(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}

/** First and last day of a month given as YYYY-MM. */
export function monthRange(month: string): { from: string; to: string } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(lastDay).padStart(2, '0')}` };
}

/** This month so far. */
export function defaultRange(now = new Date()): { from: string; to: string } {
  const today = todayInLondon(now);
  return { from: `${today.slice(0, 7)}-01`, to: today };
}
