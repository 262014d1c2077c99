import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ThreadAccess } from '../access/thread-access';
import type { Database } from '../db/database';
import { channels, contacts, escalations, messages, threads } from '../db/schema';
import { HttpError } from '../http/errors';

/**
 * A subject-access export (UK GDPR art. 15): everything the desk holds about one contact, as JSON,
 * for the force's disclosure officer to review before release. Restricted threads the requester is
 * not cleared for are left out and counted, so the officer knows to ask a cleared colleague.
 */
export async function exportSubjectAccess(db: Database, access: ThreadAccess, contactId: string, requesterId: string) {
  const [contact] = await db
    .select({ contact: contacts, channel: { type: channels.type, displayName: channels.displayName } })
    .from(contacts)
    .innerJoin(channels, eq(channels.id, contacts.channelId))
    .where(eq(contacts.id, contactId));
  if (!contact) throw new HttpError(404, 'contact_not_found', 'No such contact.');
  const readable = await db
    .select()
    .from(threads)
    .where(and(eq(threads.contactId, contactId), access.readableBy(requesterId)))
    .orderBy(asc(threads.createdAt));
  const withheld = await db
    .select({ id: threads.id })
    .from(threads)
    // coalesce: the rule is null, not false, where it compares with an empty assignee.
    .where(and(eq(threads.contactId, contactId), sql`not coalesce(${access.readableBy(requesterId)}, false)`));
  const threadIds = readable.map((thread) => thread.id);
  const messageRows = threadIds.length
    ? await db.select().from(messages).where(inArray(messages.threadId, threadIds)).orderBy(asc(messages.sentAt))
    : [];
  const escalationRows = threadIds.length
    ? await db.select().from(escalations).where(inArray(escalations.threadId, threadIds)).orderBy(asc(escalations.raisedAt))
    : [];

  return {
    generatedAt: new Date().toISOString(),
    contact: {
      id: contact.contact.id,
      channel: contact.channel.type,
      account: contact.channel.displayName,
      platformUserId: contact.contact.platformUserId,
      displayName: contact.contact.displayName,
      handle: contact.contact.handle,
      firstSeenAt: contact.contact.createdAt.toISOString(),
    },
    threads: readable.map((thread) => ({
      reference: thread.reference,
      status: thread.status,
      createdAt: thread.createdAt.toISOString(),
      closedAt: thread.closedAt?.toISOString() ?? null,
      purgedAt: thread.purgedAt?.toISOString() ?? null,
      risk: thread.risk,
      category: thread.category,
      tags: thread.tags,
      messages: messageRows
        .filter((message) => message.threadId === thread.id)
        .map((message) => ({
          sentAt: message.sentAt.toISOString(),
          direction: message.direction,
          kind: message.kind,
          text: message.text,
          attachments: message.attachments,
        })),
      escalations: escalationRows
        .filter((escalation) => escalation.threadId === thread.id)
        .map((escalation) => ({ raisedAt: escalation.raisedAt.toISOString(), status: escalation.status, reason: escalation.reason, outcome: escalation.outcome })),
    })),
    withheldRestrictedThreads: withheld.length,
  };
}

export type SubjectAccessExport = Awaited<ReturnType<typeof exportSubjectAccess>>;
