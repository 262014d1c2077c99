import { randomInt } from 'node:crypto';
import { signMetaBody, signMetaBodyLegacySha1 } from './meta-json';

// Messenger FAQ (contract §1): a delivery that takes longer than 20 s counts as failed.
const DELIVERY_TIMEOUT_MS = 20_000;

export interface DeliveryResult {
  /** HTTP status, or 0 when the webhook could not be reached or timed out. */
  status: number;
  body: string;
}

/**
 * POSTs signed webhook bodies to the desk, the way Meta does: signature over the exact bytes,
 * and redelivery of anything not answered 200 on a schedule, then dropped (§1 "Retry / failure").
 */
export class WebhookDelivery {
  private url: string | undefined;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly appSecret: string,
    private readonly retryDelaysMs: readonly number[],
    url: string | undefined,
  ) {
    this.url = url;
  }

  setUrl(url: string): void {
    this.url = url;
  }

  /** Delivers a body, redelivering in the background after a non-200; resolves with the first status. */
  async deliver(body: string): Promise<number> {
    const first = await this.post(body, undefined);
    if (first.status !== 200) this.scheduleRedelivery(body, 0);
    return first.status;
  }

  /** One POST of exact bytes. `signature`: undefined = correct headers, null = none, string = as given. */
  async post(body: string | Buffer, signature: string | null | undefined): Promise<DeliveryResult> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'facebookexternalua' };
    if (signature === undefined) {
      headers['X-Hub-Signature'] = signMetaBodyLegacySha1(body, this.appSecret);
      headers['X-Hub-Signature-256'] = signMetaBody(body, this.appSecret);
    } else if (signature !== null) {
      headers['X-Hub-Signature-256'] = signature;
    }
    // A plain Uint8Array copy: fetch's types refuse a Buffer over a possibly shared ArrayBuffer.
    const bytes = typeof body === 'string' ? body : new Uint8Array(body);
    return this.request(this.requireUrl(), { method: 'POST', headers, body: bytes });
  }

  /** The GET handshake Meta makes when a webhook is subscribed (§1 "Verification handshake"). */
  async verifySubscription(verifyToken: string): Promise<DeliveryResult & { challenge: string }> {
    const challenge = String(randomInt(1e9, 2 ** 31 - 1));
    const url = new URL(this.requireUrl());
    url.searchParams.set('hub.mode', 'subscribe');
    url.searchParams.set('hub.verify_token', verifyToken);
    url.searchParams.set('hub.challenge', challenge);
    return { ...(await this.request(url.toString(), { method: 'GET' })), challenge };
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const controller of this.inFlight) controller.abort();
  }

  private scheduleRedelivery(body: string, attempt: number): void {
    const delay = this.retryDelaysMs[attempt];
    if (delay === undefined || this.closed) return; // schedule exhausted: Meta drops the event
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.post(body, undefined).then(({ status }) => {
        if (status !== 200) this.scheduleRedelivery(body, attempt + 1);
      });
    }, delay);
    this.timers.add(timer);
  }

  hasUrl(): boolean {
    return this.url !== undefined;
  }

  requireUrl(): string {
    if (this.url === undefined) {
      throw new Error('fake-facebook: no webhook URL set (pass webhookUrl or call setWebhookUrl)');
    }
    return this.url;
  }

  private async request(url: string, init: RequestInit): Promise<DeliveryResult> {
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), DELIVERY_TIMEOUT_MS);
    this.inFlight.add(controller);
    try {
      const response = await fetch(url, { ...init, signal: controller.signal });
      return { status: response.status, body: await response.text() };
    } catch (error) {
      // Unreachable, refused or timed out: to Meta all of these are simply "not 200".
      return { status: 0, body: `fake-facebook: delivery failed: ${describeFetchError(error)}` };
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
  }
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
