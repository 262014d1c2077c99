import { eq } from 'drizzle-orm';
import type { MessageView } from '../../shared/api';
import type { ThreadAccess } from '../access/thread-access';
import type { Database } from '../db/database';
import { agents, threads } from '../db/schema';
import type { AgentNotifier } from '../realtime/agent-notifier';
import { findMentionedAgents } from './mentions';

/**
 * Alerts each colleague a new note mentions, live. Not the author, and not someone who may not
 * read the thread: a mention must not tell them a restricted thread exists.
 */
export async function notifyMentioned(
  db: Database,
  notifier: AgentNotifier,
  access: ThreadAccess,
  note: { message: MessageView; authorId: string; authorName: string },
): Promise<void> {
  if (!note.message.text.includes('@')) return;
  const colleagues = await db.select({ id: agents.id, name: agents.name }).from(agents).where(eq(agents.active, true));
  const mentioned = findMentionedAgents(note.message.text, colleagues).filter((id) => id !== note.authorId);
  if (mentioned.length === 0) return;
  const [thread] = await db.select({ reference: threads.reference }).from(threads).where(eq(threads.id, note.message.threadId));
  if (!thread) return;
  for (const agentId of mentioned) {
    if ((await access.verdict(agentId, note.message.threadId)) !== 'readable') continue;
    notifier.noteMentioned(agentId, {
      threadId: note.message.threadId,
      threadReference: thread.reference,
      messageId: note.message.id,
      authorName: note.authorName,
    });
  }
}
