import { signedHeaders } from './signing';

export interface SignedResponse {
  status: number;
  body: string;
}

/** Failures worth retrying: the receiver was down, slow or said so (5xx, 408, 429). */
export class TransientDeliveryError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null,
  ) {
    super(message);
    this.name = 'TransientDeliveryError';
  }
}

/** The receiver refused the request itself (other 4xx): sending it again would not help. */
export class PermanentDeliveryError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/** POSTs the JSON body signed with the secret; resolves on 2xx, throws a delivery error otherwise. */
export async function postSigned(
  url: string,
  secret: string,
  rawBody: string,
  extraHeaders: Record<string, string>,
  timeoutMs: number,
): Promise<SignedResponse> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'SocialDesk-Integrations/1', ...extraHeaders, ...signedHeaders(secret, rawBody) },
      body: rawBody,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'could not connect';
    throw new TransientDeliveryError(reason, null);
  }
  const body = await response.text().catch(() => '');
  if (response.ok) return { status: response.status, body };
  const message = `answered ${response.status}`;
  if (response.status >= 500 || response.status === 408 || response.status === 429) throw new TransientDeliveryError(message, response.status);
  throw new PermanentDeliveryError(message, response.status);
}
