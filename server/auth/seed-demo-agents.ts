import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { countAgents, createAgent } from './agents.service';

/**
 * On the first start of a demo desk, creates a supervisor and an agent with random passwords and
 * prints the credentials once: they are never stored in clear anywhere.
 */
export async function seedDemoAgents(db: Database, logger: Logger): Promise<Array<{ email: string; password: string }>> {
  if ((await countAgents(db)) > 0) return [];
  const accounts = [
    { name: 'Sam Supervisor', email: 'supervisor@desk.example', role: 'supervisor' as const },
    { name: 'Alex Agent', email: 'agent@desk.example', role: 'agent' as const, languages: ['en' as const, 'cy' as const] },
  ];
  const created = [];
  for (const account of accounts) {
    const password = randomBytes(9).toString('base64url');
    await createAgent(db, { ...account, password });
    created.push({ email: account.email, password });
  }
  logger.info({ accounts: created.map((account) => account.email) }, 'seeded demo agents');
  return created;
}
