import { randomInt } from 'node:crypto';

/** One message as the Page's inbox holds it, in either direction. */
export interface InboxMessage {
  id: string;
  createdAt: number;
  sentByPage: boolean;
  text: string | undefined;
  attachment?: { type: string; url: string | undefined };
}

export interface Conversation {
  id: string;
  psid: string;
  /** Oldest first. */
  messages: InboxMessage[];
  updatedAt: number;
}

/**
 * The fake Page's memory: who has messaged it (for the 24-hour window, §2) and every
 * conversation in both directions (for the Conversations API, §3).
 */
export class PageInbox {
  private readonly lastInbound = new Map<string, number>();
  private readonly names = new Map<string, string>();
  private readonly byPsid = new Map<string, Conversation>();
  private readonly byId = new Map<string, Conversation>();

  constructor(
    readonly pageId: string,
    readonly pageName: string,
  ) {}

  recordInbound(psid: string, name: string | undefined, message: Omit<InboxMessage, 'sentByPage'>): void {
    if (name !== undefined) this.names.set(psid, name);
    this.setLastInboundAt(psid, Math.max(message.createdAt, this.lastInbound.get(psid) ?? 0));
    this.append(psid, { ...message, sentByPage: false });
  }

  recordPageSent(psid: string, message: Omit<InboxMessage, 'sentByPage'>): void {
    this.append(psid, { ...message, sentByPage: true });
  }

  /** A PSID exists for this Page only once the person has messaged it (§2: 100/2018001 otherwise). */
  isKnownUser(psid: string): boolean {
    return this.lastInbound.has(psid);
  }

  lastInboundAt(psid: string): number | undefined {
    return this.lastInbound.get(psid);
  }

  setLastInboundAt(psid: string, ms: number): void {
    this.lastInbound.set(psid, ms);
  }

  userName(psid: string): string {
    return this.names.get(psid) ?? `Facebook User ${psid.slice(-4)}`;
  }

  findConversation(id: string): Conversation | undefined {
    return this.byId.get(id);
  }

  /** Newest activity first, ties broken by id so cursor positions are total (§3). */
  conversationsByRecency(): Conversation[] {
    return [...this.byId.values()].sort((a, b) => b.updatedAt - a.updatedAt || compareDesc(a.id, b.id));
  }

  private append(psid: string, message: InboxMessage): void {
    let conversation = this.byPsid.get(psid);
    if (!conversation) {
      conversation = { id: newConversationId(), psid, messages: [], updatedAt: message.createdAt };
      this.byPsid.set(psid, conversation);
      this.byId.set(conversation.id, conversation);
    }
    conversation.messages.push(message);
    // Delivery order is not guaranteed (§10.2), so keep the list in time order.
    conversation.messages.sort((a, b) => a.createdAt - b.createdAt);
    conversation.updatedAt = Math.max(conversation.updatedAt, message.createdAt);
  }
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

function newConversationId(): string {
  // Shape seen in §3: `t_` followed by digits.
  return `t_${randomInt(1e9, 1e10 - 1)}${randomInt(1e6, 1e7 - 1)}`;
}

/** Graph's timestamp format: `2024-06-10T09:15:02+0000` (no milliseconds, `+0000`). */
export function formatGraphTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}
