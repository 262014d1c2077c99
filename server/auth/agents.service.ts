import { eq } from 'drizzle-orm';
import type { AgentView } from '../../shared/api';
import type { AgentRole, Language } from '../../shared/constants';
import type { Database } from '../db/database';
import { agents } from '../db/schema';
import { hashPassword, isPasswordCorrect } from './passwords';

type AgentRow = typeof agents.$inferSelect;

export function presentAgent(agent: AgentRow): AgentView {
  return { id: agent.id, name: agent.name, email: agent.email, role: agent.role, languages: agent.languages, uiLanguage: agent.uiLanguage };
}

export interface NewAgent {
  name: string;
  email: string;
  password: string;
  role: AgentRole;
  languages?: Language[];
}

export async function createAgent(db: Database, agent: NewAgent): Promise<AgentView> {
  const [row] = await db
    .insert(agents)
    .values({
      name: agent.name,
      email: agent.email.trim().toLowerCase(),
      passwordHash: await hashPassword(agent.password),
      role: agent.role,
      languages: agent.languages ?? ['en'],
    })
    .returning();
  if (!row) throw new Error('Agent insert returned no row');
  return presentAgent(row);
}

/** The active agent with these credentials, or null: the caller cannot tell which part was wrong. */
export async function authenticateAgent(db: Database, email: string, password: string): Promise<AgentView | null> {
  const [row] = await db.select().from(agents).where(eq(agents.email, email));
  const passwordMatches = row ? await isPasswordCorrect(row.passwordHash, password) : false;
  return row && row.active && passwordMatches ? presentAgent(row) : null;
}

export async function findActiveAgent(db: Database, agentId: string): Promise<AgentView | null> {
  const [row] = await db.select().from(agents).where(eq(agents.id, agentId));
  return row?.active ? presentAgent(row) : null;
}

export async function countAgents(db: Database): Promise<number> {
  const rows = await db.select({ id: agents.id }).from(agents).limit(1);
  return rows.length;
}

/** The agent's own choice of language for the desk's screens; kept on the agent so it follows them to any machine. */
export async function setUiLanguage(db: Database, agentId: string, uiLanguage: Language): Promise<AgentView | null> {
  const [row] = await db.update(agents).set({ uiLanguage }).where(eq(agents.id, agentId)).returning();
  return row ? presentAgent(row) : null;
}
