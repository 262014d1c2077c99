import { createHmac, randomBytes } from 'node:crypto';
import type { DmEvent, XUser } from './dm-store';

/** `sha256=` + base64 HMAC-SHA256 with the consumer secret (contract §6; base64, unlike Meta's hex). */
export function signWithConsumerSecret(message: string | Buffer, consumerSecret: string): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(message).digest('base64')}`;
}

/** The v1.1-shaped Account Activity body for one DM (contract §6). */
export function directMessageActivity(forUserId: string, event: DmEvent, users: Map<string, XUser>): object {
  const messageData: Record<string, unknown> = {
    text: event.text,
    entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] },
  };
  if (event.media) {
    messageData.attachment = {
      type: 'media',
      // `id` is a float that has lost digits; only `id_str` is exact (contract §11).
      media: { id: Number(event.media.idStr), id_str: event.media.idStr, media_url_https: event.media.url, type: event.media.type },
    };
  }
  const payload: Record<string, unknown> = {
    for_user_id: forUserId,
    direct_message_events: [
      {
        type: 'message_create',
        id: event.id,
        created_timestamp: String(event.createdAtMs),
        message_create: {
          target: { recipient_id: event.recipientId },
          sender_id: event.senderId,
          ...(event.sourceAppId ? { source_app_id: event.sourceAppId } : {}),
          message_data: messageData,
        },
      },
    ],
    users: Object.fromEntries(
      [event.senderId, event.recipientId].flatMap((id) => {
        const user = users.get(id);
        return user ? [[id, { id, name: user.name, screen_name: user.username, profile_image_url_https: 'null' }]] : [];
      }),
    ),
  };
  if (event.sourceAppId) payload.apps = { [event.sourceAppId]: { id: event.sourceAppId, name: 'Social Desk', url: 'https://desk.example' } };
  return payload;
}

export interface DeliveryResult {
  /** HTTP status, or 0 when the webhook could not be reached. */
  status: number;
  body: string;
}

/** POSTs signed activity and runs CRC checks against the desk's webhook URL. */
export class AccountActivityDelivery {
  private url: string | undefined;

  constructor(private readonly consumerSecret: string) {}

  setUrl(url: string | undefined): void {
    this.url = url;
  }

  hasUrl(): boolean {
    return this.url !== undefined;
  }

  /** `signature`: undefined = the correct header, null = none, a string = sent as given. */
  async post(body: string | Buffer, signature?: string | null): Promise<DeliveryResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (signature === undefined) headers['x-twitter-webhooks-signature'] = signWithConsumerSecret(body, this.consumerSecret);
    else if (signature !== null) headers['x-twitter-webhooks-signature'] = signature;
    return this.request(this.requireUrl(), { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
  }

  /** The Challenge-Response Check X makes at registration and hourly (contract §6). */
  async checkCrc(): Promise<DeliveryResult & { isValid: boolean }> {
    const crcToken = randomBytes(24).toString('base64url');
    const url = new URL(this.requireUrl());
    url.searchParams.set('crc_token', crcToken);
    const result = await this.request(url.toString(), { method: 'GET' });
    let responseToken: unknown;
    try {
      responseToken = (JSON.parse(result.body) as { response_token?: unknown }).response_token;
    } catch {
      responseToken = undefined;
    }
    const isValid = result.status === 200 && responseToken === signWithConsumerSecret(crcToken, this.consumerSecret);
    return { ...result, isValid };
  }

  private requireUrl(): string {
    if (!this.url) throw new Error('fake-x: no Account Activity webhook URL set');
    return this.url;
  }

  private async request(url: string, init: RequestInit): Promise<DeliveryResult> {
    try {
      // X gives up after 3 s (contract §6).
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(3000) });
      return { status: response.status, body: await response.text() };
    } catch {
      return { status: 0, body: '' };
    }
  }
}
