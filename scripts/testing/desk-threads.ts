import { eq } from 'drizzle-orm';
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
