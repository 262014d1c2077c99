const HOUR_MS = 60 * 60 * 1000;
// Meta's budget is 200 calls per hour times daily users; the fake uses a fixed nominal budget so
// that the header moves under load without ever throttling a demo by itself.
const NOMINAL_CALLS_PER_HOUR = 4800;

/**
 * `X-App-Usage: {"call_count":28,"total_time":25,"total_cputime":25}` — percentages of the
 * app's hourly budget (contract §2, "Usage headers").
 */
export class AppUsageMeter {
  private readonly calls: number[] = [];

  constructor(private readonly now: () => number) {}

  /** Counts the call being answered and returns the header value that goes with it. */
  recordCall(): string {
    const now = this.now();
    this.calls.push(now);
    while (this.calls.length > 0 && (this.calls[0] ?? now) <= now - HOUR_MS) this.calls.shift();
    const percent = Math.min(100, Math.ceil((this.calls.length * 100) / NOMINAL_CALLS_PER_HOUR));
    return JSON.stringify({ call_count: percent, total_time: percent, total_cputime: percent });
  }
}
