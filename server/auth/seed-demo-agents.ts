import { randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Database } from '../db/database';
import { teams } from '../db/schema';
import { addAgentToTeam } from '../teams/teams.service';
import type { Logger } from '../logger';
import { countAgents, createAgent } from './agents.service';

/**
 * On the first start of a demo desk, creates a supervisor and an agent with random passwords and
 * prints the credentials once: they are never stored in clear anywhere. The supervisor is in the
 * Safeguarding and CID teams, so cleared for restricted threads; the agent is not, which shows
 * need-to-know at work.
 */
export async function seedDemoAgents(db: Database, logger: Logger): Promise<Array<{ email: string; password: string }>> {
  if ((await countAgents(db)) > 0) return [];
  const accounts = [
    { name: 'Sam Supervisor', email: 'supervisor@desk.example', role: 'supervisor' as const, teams: ['Safeguarding', 'CID'] },
    { name: 'Alex Agent', email: 'agent@desk.example', role: 'agent' as const, languages: ['en' as const, 'cy' as const], teams: [] },
  ];
  const created = [];
  for (const account of accounts) {
    const password = randomBytes(9).toString('base64url');
    const agent = await createAgent(db, { ...account, password });
    const memberships = account.teams.length ? await db.select({ id: teams.id }).from(teams).where(inArray(teams.name, account.teams)) : [];
    for (const team of memberships) await addAgentToTeam(db, agent.id, team.id);
    created.push({ email: account.email, password });
  }
  logger.info({ accounts: created.map((account) => account.email) }, 'seeded demo agents');
  return created;
}
