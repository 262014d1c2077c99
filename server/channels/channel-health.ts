import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '../db/database';
import { channels } from '../db/schema';

/** The account itself cannot work (expired token, missing permission): agents see why. */
export async function markChannelUnhealthy(db: Database, channelId: string, reason: string): Promise<void> {
  await db.update(channels).set({ connectionStatus: 'unhealthy', lastError: reason }).where(eq(channels.id, channelId));
}

/** A call succeeded again: the channel works, whatever went wrong before. True if it was unhealthy. */
export async function markChannelConnected(db: Database, channelId: string): Promise<boolean> {
  const healed = await db
    .update(channels)
    .set({ connectionStatus: 'connected', lastError: null })
    .where(and(eq(channels.id, channelId), ne(channels.connectionStatus, 'connected')))
    .returning({ id: channels.id });
  return healed.length > 0;
}
