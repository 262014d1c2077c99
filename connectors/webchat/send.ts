import { randomUUID } from 'node:crypto';
import type { ChatLine } from '../../shared/public-contact';
import type { OutboundReply, SendResult } from '../connector';

/** Reaches a visitor's open chat tabs, wherever their sockets are (the desk wires Socket.IO in). */
export interface VisitorDelivery {
  deliver(conversationId: string, line: ChatLine): void;
}

/**
 * A web chat reply is stored by the desk before it is sent, so the visitor who has left sees it
 * when they come back; delivery to an open tab is best-effort and cannot fail on the visitor's side.
 */
export function sendChatReply(delivery: VisitorDelivery, reply: OutboundReply): SendResult {
  const platformMessageId = `desk/${randomUUID()}`;
  delivery.deliver(reply.platformConversationId, {
    id: platformMessageId,
    from: 'desk',
    text: reply.text,
    sentAt: new Date().toISOString(),
  });
  return { platformMessageId };
}

/** A reporter reads replies with their reference and code; nothing is pushed anywhere. */
export function storeReportReply(): SendResult {
  return { platformMessageId: `desk/${randomUUID()}` };
}
