import { type FieldGetter, type FieldRequest, parseFields, selectFields } from './graph-fields';
import { pageNewestFirst, pagingBlock, readLimit, type CursorKey } from './graph-paging';
import { isInsideMessagingWindow } from './messaging-window';
import { formatGraphTime, type Conversation, type InboxMessage, type PageInbox } from './page-inbox';

/** Everything a node needs to render itself for one request. */
export interface NodeView {
  inbox: PageInbox;
  now: number;
  /** `${origin}/${version}`, for `paging.next` links of nested edges. */
  versionUrl: string;
  accessToken: string;
}

// §3: only the 20 most recent messages of a conversation are readable.
export const READABLE_MESSAGES = 20;

export const messageKey = (message: InboxMessage): CursorKey => ({ time: message.createdAt, id: message.id });
export const conversationKey = (conversation: Conversation): CursorKey => ({
  time: conversation.updatedAt,
  id: conversation.id,
});

/** The conversation's readable messages, newest first. */
export function readableMessages(conversation: Conversation): InboxMessage[] {
  return [...conversation.messages].reverse().slice(0, READABLE_MESSAGES);
}

function person(view: NodeView, psid: string): object {
  // §3: participants carry a `PSID@facebook.com` address [obs]; the Page has none.
  return { name: view.inbox.userName(psid), email: `${psid}@facebook.com`, id: psid };
}

function page(view: NodeView): object {
  return { name: view.inbox.pageName, id: view.inbox.pageId };
}

export function conversationNode(view: NodeView, conversation: Conversation, fields: FieldRequest[]): object {
  const latest = conversation.messages[conversation.messages.length - 1];
  const lastPageReply = conversation.messages.findLastIndex((message) => message.sentByPage);
  const getters: Record<string, FieldGetter<Conversation>> = {
    id: (c) => c.id,
    updated_time: (c) => formatGraphTime(c.updatedAt),
    snippet: () => (latest?.text ?? '').slice(0, 100),
    message_count: (c) => c.messages.length,
    unread_count: (c) => c.messages.slice(lastPageReply + 1).filter((message) => !message.sentByPage).length,
    participants: (c) => ({ data: [person(view, c.psid), page(view)] }),
    senders: (c) => ({ data: [person(view, c.psid), page(view)] }),
    can_reply: (c) => {
      const lastInboundAt = view.inbox.lastInboundAt(c.psid);
      if (lastInboundAt === undefined) return false;
      return isInsideMessagingWindow({ lastInboundAt, now: view.now, messagingType: 'RESPONSE', tag: undefined });
    },
    messages: (c, subfields) => {
      const edgeUrl = new URL(`${view.versionUrl}/${c.id}/messages`);
      edgeUrl.searchParams.set('access_token', view.accessToken);
      if (subfields !== undefined) edgeUrl.searchParams.set('fields', subfields);
      return messagesEdge(view, c, { fields: subfields ?? null, limit: null }, edgeUrl);
    },
  };
  return selectFields('Conversation', conversation, fields, getters);
}

/** `GET /{CONVERSATION_ID}/messages`: newest first, at most the 20 readable ones (§3). */
export function messagesEdge(
  view: NodeView,
  conversation: Conversation,
  query: { fields: string | null; limit: string | null; after?: string; before?: string },
  requestUrl: URL,
): object {
  const fields = parseFields(query.fields, ['id', 'created_time']);
  const result = pageNewestFirst(readableMessages(conversation), messageKey, {
    limit: readLimit(query.limit, READABLE_MESSAGES),
    ...(query.after === undefined ? {} : { after: query.after }),
    ...(query.before === undefined ? {} : { before: query.before }),
  });
  const paging = pagingBlock(result, messageKey, requestUrl);
  return {
    data: result.items.map((message) => messageNode(view, conversation, message, fields)),
    ...(paging ? { paging } : {}),
  };
}

export function messageNode(
  view: NodeView,
  conversation: Conversation,
  message: InboxMessage,
  fields: FieldRequest[],
): object {
  const user = person(view, conversation.psid);
  const getters: Record<string, FieldGetter<InboxMessage>> = {
    id: (m) => m.id,
    created_time: (m) => formatGraphTime(m.createdAt),
    from: (m) => (m.sentByPage ? page(view) : user),
    to: (m) => ({ data: [m.sentByPage ? user : page(view)] }),
    // Graph answers an attachment-only message with an empty string, not a missing key.
    message: (m) => m.text ?? '',
    attachments: (m) => (m.attachment ? { data: [attachmentNode(m)] } : undefined),
  };
  return selectFields('Message', message, fields, getters);
}

function attachmentNode(message: InboxMessage): object {
  const url = message.attachment?.url;
  const id = `${message.id}_0`;
  if (message.attachment?.type === 'image') {
    return { id, mime_type: 'image/jpeg', name: 'image.jpg', image_data: { url, preview_url: url } };
  }
  return { id, mime_type: 'application/octet-stream', name: 'file', file_url: url };
}

/** User Profile API: `GET /{PSID}` (Messenger docs' default fields). */
export function userNode(view: NodeView, psid: string, fields: FieldRequest[]): object {
  const [firstName = '', ...rest] = view.inbox.userName(psid).split(' ');
  const getters: Record<string, FieldGetter<string>> = {
    id: (id) => id,
    name: (id) => view.inbox.userName(id),
    first_name: () => firstName,
    last_name: () => rest.join(' '),
    profile_pic: (id) => `https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=${id}`,
  };
  return selectFields('User', psid, fields, getters);
}

export function pageNode(view: NodeView, fields: FieldRequest[]): object {
  const getters: Record<string, FieldGetter<PageInbox>> = { id: (p) => p.pageId, name: (p) => p.pageName };
  return selectFields('Page', view.inbox, fields, getters);
}
