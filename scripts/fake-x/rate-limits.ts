import type { Response } from 'express';

const WINDOW_MS = 15 * 60 * 1000;

/** The two 429 bodies seen in the wild (contract §5 and §10.4): problem JSON, and v1.1 style code 88. */
export type TooManyRequestsShape = 'problem' | 'v1';

export interface RateWindow {
  limit: number;
  remaining: number;
  /** Unix seconds, as in `x-rate-limit-reset`. */
  resetAt: number;
}

/**
 * Per-endpoint 15-minute windows (contract §5: GET DM 300 / 15 min, POST DM 200 / 15 min), with
 * the `x-rate-limit-*` headers on every answer and 429 once a window is spent.
 */
export class RateLimits {
  private readonly windows = new Map<string, RateWindow>();
  private readonly shapes = new Map<string, TooManyRequestsShape>();
  private readonly requestLog: Array<{ endpoint: string; at: number; status: number }> = [];

  constructor(
    private readonly limits: Record<string, number>,
    private readonly now: () => number,
  ) {}

  /** Counts one request; false when the window is spent (the caller answers 429). */
  take(endpoint: string): boolean {
    const window = this.current(endpoint);
    if (window.remaining <= 0) return false;
    window.remaining -= 1;
    return true;
  }

  current(endpoint: string): RateWindow {
    const nowSeconds = Math.floor(this.now() / 1000);
    let window = this.windows.get(endpoint);
    if (!window || window.resetAt <= nowSeconds) {
      const limit = this.limits[endpoint] ?? 300;
      window = { limit, remaining: limit, resetAt: Math.ceil((this.now() + WINDOW_MS) / 1000) };
      this.windows.set(endpoint, window);
    }
    return window;
  }

  /** Spends the endpoint's window until `resetInMs` from now, answering 429s of that body shape. */
  exhaust(endpoint: string, resetInMs: number, shape: TooManyRequestsShape = 'problem'): void {
    const window = this.current(endpoint);
    window.remaining = 0;
    window.resetAt = Math.ceil((this.now() + resetInMs) / 1000);
    this.shapes.set(endpoint, shape);
  }

  /** Leaves only `remaining` requests in the window (e.g. other uses of the account spent the rest). */
  setRemaining(endpoint: string, remaining: number, resetInMs?: number): void {
    const window = this.current(endpoint);
    window.remaining = remaining;
    if (resetInMs !== undefined) window.resetAt = Math.ceil((this.now() + resetInMs) / 1000);
  }

  writeHeaders(res: Response, endpoint: string): void {
    const window = this.current(endpoint);
    res.setHeader('x-rate-limit-limit', String(window.limit));
    res.setHeader('x-rate-limit-remaining', String(window.remaining));
    res.setHeader('x-rate-limit-reset', String(window.resetAt));
  }

  tooManyRequestsBody(endpoint: string): object {
    if (this.shapes.get(endpoint) === 'v1') return { errors: [{ code: 88, message: 'Rate limit exceeded' }] };
    return { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 };
  }

  record(endpoint: string, status: number): void {
    this.requestLog.push({ endpoint, at: this.now(), status });
  }

  /** Every request answered, in order: what a test counts to see a budget kept. */
  requests(endpoint?: string): Array<{ endpoint: string; at: number; status: number }> {
    return endpoint ? this.requestLog.filter((entry) => entry.endpoint === endpoint) : [...this.requestLog];
  }
}
