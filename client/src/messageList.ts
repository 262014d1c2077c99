import type { MessageView } from '../../shared/api';

/**
 * Pure updates of one thread's message list. A message can reach the client up to three times —
 * the optimistic copy made when the agent presses Send, the POST response, and the socket push —
 * in any order, so every update is an upsert keyed by id, or by `clientId` for the agent's replies.
 */

function isSameMessage(a: MessageView, b: MessageView): boolean {
  return a.id === b.id || (a.clientId !== null && a.clientId === b.clientId);
}

function hasLeftTheQueue(message: MessageView): boolean {
  return message.deliveryStatus !== 'queued';
}

/**
 * The incoming copy wins, except that delivery never moves back to `queued`: a POST response
 * or a reload that started before the `message:updated` push can arrive after it. MessageView
 * has no version or updatedAt to order copies by, so this is the one ordering we can know.
 */
function laterOf(current: MessageView, incoming: MessageView): MessageView {
  if (incoming.deliveryStatus === 'queued' && hasLeftTheQueue(current)) {
    return { ...incoming, deliveryStatus: current.deliveryStatus, failureReason: current.failureReason };
  }
  return incoming;
}

/**
 * Adds a message in the order it was sent (platforms deliver out of order: contracts §10.2), or
 * replaces the copy already shown.
 */
export function upsertMessage(messages: readonly MessageView[], incoming: MessageView): MessageView[] {
  const index = messages.findIndex((m) => isSameMessage(m, incoming));
  if (index === -1) {
    const later = messages.findIndex((m) => m.createdAt > incoming.createdAt);
    return later === -1 ? [...messages, incoming] : messages.toSpliced(later, 0, incoming);
  }
  return messages.with(index, laterOf(messages[index]!, incoming));
}

/**
 * Takes a fresh load from the server as the truth and order, then keeps what it could not know
 * yet: replies still being sent and pushes that arrived while it was loading.
 */
export function mergeLoadedMessages(shown: readonly MessageView[], loaded: readonly MessageView[]): MessageView[] {
  const merged = loaded.map((fromServer) => {
    const current = shown.find((m) => isSameMessage(m, fromServer));
    return current ? laterOf(current, fromServer) : fromServer;
  });
  const newer = shown.filter((m) => !loaded.some((fromServer) => isSameMessage(m, fromServer)));
  return [...merged, ...newer];
}

export function removeMessage(messages: readonly MessageView[], messageId: string): MessageView[] {
  return messages.filter((m) => m.id !== messageId);
}
