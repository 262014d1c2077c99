import { eq, sql } from 'drizzle-orm';
import type { ThreadSummary } from '../../shared/api';
import { contacts, threads } from '../../server/db/schema';
import { eventually, type TestDesk } from './test-desk';

let nextPsid = 7_900_000_000_000_000;

/** A member of the public writes to the Page; resolves with the thread as an agent lists it. */
export async function messageArrives(
  desk: TestDesk,
  cookie: string,
  message: { text: string; name?: string; psid?: string },
): Promise<ThreadSummary> {
  const psid = message.psid ?? String(nextPsid++);
  const { status } = await desk.facebook.sendUserMessage({ psid, name: message.name ?? 'Sam Taylor', text: message.text });
  if (status !== 200) throw new Error(`webhook answered ${status}`);
  return eventually(async () => {
    const list = await desk.api('/api/threads?view=all', { cookie });
    return (list.body.threads as ThreadSummary[]).find((thread) => thread.lastMessagePreview === message.text);
  });
}

/** Sets what triage (or time) would have set on a thread, for arranging a test. */
export async function setThreadColumns(desk: TestDesk, threadId: string, values: Partial<typeof threads.$inferInsert>): Promise<void> {
  await desk.desk.database.db.update(threads).set(values).where(eq(threads.id, threadId));
}

export async function listThreadIds(desk: TestDesk, cookie: string, query: string): Promise<string[]> {
  const list = await desk.api(`/api/threads?${query}`, { cookie });
  if (list.status !== 200) throw new Error(`list answered ${list.status}: ${JSON.stringify(list.body)}`);
  return (list.body.threads as ThreadSummary[]).map((thread) => thread.id);
}

/** Names the contact, as a profile lookup would (Messenger webhooks carry no name). */
export async function nameContact(desk: TestDesk, contactId: string, displayName: string, handle: string | null = null): Promise<void> {
  await desk.desk.database.db.update(contacts).set({ displayName, handle }).where(eq(contacts.id, contactId));
}

/**
 * Many open threads at once, straight into the database (the webhook path would take minutes for
 * thousands): each from its own contact on a channel of their own, `new`, newest first by number.
 */
export async function seedOpenThreads(desk: TestDesk, count: number, label: string): Promise<void> {
  const { db } = desk.desk.database;
  await db.execute(sql`insert into channels (type, account_id, display_name) values ('facebook', ${label}, ${label})`);
  await db.execute(sql`
    insert into contacts (channel_id, platform_user_id, display_name)
    select (select id from channels where account_id = ${label}), ${label} || '-' || i, 'Caller ' || i
    from generate_series(1, ${count}) as i`);
  await db.execute(sql`
    insert into threads (reference, channel_id, platform_conversation_id, contact_id, status, risk, last_message_at, last_inbound_at, created_at, last_message_preview)
    select 'SMD-' || ${label} || '-' || lpad(c.n::text, 6, '0'), c.channel_id, ${label} || '-conv-' || c.n, c.id, 'new', 'routine',
      now() - c.n * interval '1 second', now() - c.n * interval '1 second', now() - c.n * interval '1 second',
      ${label} || ' message ' || c.n
    from (select id, channel_id, row_number() over (order by id) as n from contacts
          where channel_id = (select id from channels where account_id = ${label})) as c`);
}
