import { and, eq, inArray } from 'drizzle-orm';
import type { AgentView, DeskDirectoryResponse } from '../../shared/api';
import type { Database } from '../db/database';
import { agents, agentTeams, teams } from '../db/schema';

/** Each configured team has its row; teams are never deleted here, since threads may point at them. */
export async function registerTeams(db: Database, names: string[]): Promise<void> {
  if (names.length === 0) return;
  await db.insert(teams).values(names.map((name) => ({ name }))).onConflictDoNothing({ target: teams.name });
}

/** Teams and active agents, for assigning and escalating. */
export async function loadDirectory(db: Database): Promise<DeskDirectoryResponse> {
  const teamRows = await db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(teams.name);
  const agentRows = await db.select({ id: agents.id, name: agents.name }).from(agents).where(eq(agents.active, true)).orderBy(agents.name);
  const memberships = await db.select().from(agentTeams);
  return {
    teams: teamRows,
    agents: agentRows.map((agent) => ({
      ...agent,
      teamIds: memberships.filter((membership) => membership.agentId === agent.id).map((membership) => membership.teamId),
    })),
  };
}

export async function teamExists(db: Database, teamId: string): Promise<boolean> {
  const [row] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
  return row !== undefined;
}

export async function isActiveAgent(db: Database, agentId: string): Promise<boolean> {
  const [row] = await db.select({ id: agents.id }).from(agents).where(and(eq(agents.id, agentId), eq(agents.active, true)));
  return row !== undefined;
}

/** Supervisors and admins act for any team; an agent for the teams they belong to. */
export async function canActForTeam(db: Database, agent: AgentView, teamId: string): Promise<boolean> {
  if (agent.role !== 'agent') return true;
  const [row] = await db
    .select({ teamId: agentTeams.teamId })
    .from(agentTeams)
    .where(and(eq(agentTeams.agentId, agent.id), inArray(agentTeams.teamId, [teamId])));
  return row !== undefined;
}

export async function addAgentToTeam(db: Database, agentId: string, teamId: string): Promise<void> {
  await db.insert(agentTeams).values({ agentId, teamId }).onConflictDoNothing();
}
