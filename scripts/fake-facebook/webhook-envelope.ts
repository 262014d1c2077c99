import { randomBytes } from 'node:crypto';

/** One object of `entry[].messaging[]` (contract §1). */
export interface MessagingEvent {
  sender: { id: string };
  recipient: { id: string };
  timestamp: number;
  message: Record<string, unknown> & { mid: string };
}

export interface WebhookEnvelope {
  object: 'page' | 'instagram';
  entry: Array<{ id: string; time: number; messaging: MessagingEvent[] }>;
}

/** Current-generation Meta message id (`m_…`, URL-safe base64); §11 notes older `mid.$…` ids too. */
export function newMessageId(): string {
  return `m_${randomBytes(63).toString('base64url')}`;
}

export function userMessageEvent(input: {
  pageId: string;
  psid: string;
  mid: string;
  text: string;
  timestamp: number;
}): MessagingEvent {
  return {
    sender: { id: input.psid },
    recipient: { id: input.pageId },
    timestamp: input.timestamp,
    message: { mid: input.mid, text: input.text },
  };
}

/** What Meta sends for the Page's own sends when `message_echoes` is subscribed (§1). */
export function echoEvent(input: {
  pageId: string;
  psid: string;
  mid: string;
  text: string | undefined;
  timestamp: number;
  appId: number;
  metadata: string | undefined;
}): MessagingEvent {
  return {
    sender: { id: input.pageId },
    recipient: { id: input.psid },
    timestamp: input.timestamp,
    message: {
      is_echo: true,
      app_id: input.appId,
      ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
      mid: input.mid,
      ...(input.text === undefined ? {} : { text: input.text }),
    },
  };
}

/**
 * Wraps events in the `{"object":"page","entry":[…]}` envelope. Messenger puts exactly one event
 * in each `entry.messaging`, so a batch of several events becomes several entries (§1 "Batching").
 */
export function webhookEnvelope(
  pageId: string,
  events: MessagingEvent[],
  time: number,
  object: WebhookEnvelope['object'] = 'page',
): WebhookEnvelope {
  return { object, entry: events.map((event) => ({ id: pageId, time, messaging: [event] })) };
}
