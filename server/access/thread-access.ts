import { eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { SensitiveCategory } from '../../shared/constants';
import type { Database } from '../db/database';
import { agentTeams, teams, threads } from '../db/schema';

/** Socket.IO rooms the server puts an agent's sockets in: their own, and one per team. */
export const agentRoom = (agentId: string) => `agent:${agentId}`;
export const teamRoom = (teamId: string) => `team:${teamId}`;

export interface ThreadAudience {
  restricted: boolean;
  /** The rooms of those cleared to read it (when restricted). */
  rooms: string[];
}

/**
 * Need-to-know: a restricted thread (sexual offences, domestic abuse, intelligence…) can be read
 * only by its assignee, members of its team, and members of the team cleared for its category.
 * Everyone else sees that it exists (for counts and queues), never what it says.
 */
export interface ThreadAccess {
  /** SQL true when the agent may read the thread's content. */
  readableBy(agentId: string): SQL;
  /** Whether the thread exists and this agent may read it. */
  verdict(agentId: string, threadId: string): Promise<'readable' | 'forbidden' | 'missing'>;
  audienceOf(threadId: string): Promise<ThreadAudience>;
}

export function createThreadAccess(db: Database, clearedTeamByCategory: Partial<Record<SensitiveCategory, string>>): ThreadAccess {
  const clearances = Object.entries(clearedTeamByCategory) as Array<[SensitiveCategory, string]>;

  const readableBy = (agentId: string): SQL => {
    const clearedForCategory = clearances.length
      ? sql`exists (select 1 from ${agentTeams} join ${teams} on ${teams.id} = ${agentTeams.teamId}
          where ${agentTeams.agentId} = ${agentId}
          and (${sql.join(
            clearances.map(([category, team]) => sql`(${threads.category} = ${category} and ${teams.name} = ${team})`),
            sql` or `,
          )}))`
      : sql`false`;
    return or(
      eq(threads.restricted, false),
      eq(threads.assigneeId, agentId),
      sql`${threads.teamId} in (select ${agentTeams.teamId} from ${agentTeams} where ${agentTeams.agentId} = ${agentId})`,
      clearedForCategory,
    )!;
  };

  return {
    readableBy,
    async verdict(agentId, threadId) {
      const [row] = await db.select({ isReadable: sql<boolean>`${readableBy(agentId)}` }).from(threads).where(eq(threads.id, threadId));
      if (!row) return 'missing';
      return row.isReadable ? 'readable' : 'forbidden';
    },
    async audienceOf(threadId) {
      const [thread] = await db
        .select({ restricted: threads.restricted, category: threads.category, assigneeId: threads.assigneeId, teamId: threads.teamId })
        .from(threads)
        .where(eq(threads.id, threadId));
      if (!thread?.restricted) return { restricted: false, rooms: [] };
      const clearedTeam = clearedTeamByCategory[thread.category as SensitiveCategory];
      const cleared = clearedTeam ? await db.select({ id: teams.id }).from(teams).where(inArray(teams.name, [clearedTeam])) : [];
      const rooms = [
        ...(thread.assigneeId ? [agentRoom(thread.assigneeId)] : []),
        ...(thread.teamId ? [teamRoom(thread.teamId)] : []),
        ...cleared.map((team) => teamRoom(team.id)),
      ];
      return { restricted: true, rooms };
    },
  };
}
