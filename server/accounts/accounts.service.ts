import { asc, eq, inArray } from 'drizzle-orm';
import type { AccountCreateRequest, AccountUpdateRequest, AccountView } from '../../shared/accounts';
import { hashPassword } from '../auth/passwords';
import { passwordProblem } from '../auth/password-policy';
import type { Database } from '../db/database';
import { agents, agentTeams, teams } from '../db/schema';
import { HttpError } from '../http/errors';

type AgentRow = typeof agents.$inferSelect;

function presentAccount(row: AgentRow, teamIds: string[]): AccountView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    active: row.active,
    teamIds,
    isSingleSignOn: row.oidcSubject !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listAccounts(db: Database): Promise<AccountView[]> {
  const rows = await db.select().from(agents).orderBy(asc(agents.name));
  const memberships = await db.select().from(agentTeams);
  return rows.map((row) => presentAccount(row, memberships.filter((m) => m.agentId === row.id).map((m) => m.teamId)));
}

export async function loadAccount(db: Database, agentId: string): Promise<AccountView> {
  const [row] = await db.select().from(agents).where(eq(agents.id, agentId));
  if (!row) throw new HttpError(404, 'account_not_found', 'No such account.');
  const memberships = await db.select({ teamId: agentTeams.teamId }).from(agentTeams).where(eq(agentTeams.agentId, agentId));
  return presentAccount(row, memberships.map((m) => m.teamId));
}

/** Refuses, with the reason, a password the NCSC-based rules do not allow. */
export function assertPasswordAllowed(password: string, account: { email?: string; name?: string }): void {
  const problem = passwordProblem(password, account);
  if (problem) throw new HttpError(422, 'weak_password', problem);
}

export async function createAccount(db: Database, request: AccountCreateRequest): Promise<AccountView> {
  assertPasswordAllowed(request.password, request);
  await assertTeamsExist(db, request.teamIds);
  const [existing] = await db.select({ id: agents.id }).from(agents).where(eq(agents.email, request.email));
  if (existing) throw new HttpError(409, 'email_taken', 'An account with that email already exists.');
  const [row] = await db
    .insert(agents)
    .values({ name: request.name, email: request.email, role: request.role, passwordHash: await hashPassword(request.password) })
    .returning();
  await setTeams(db, row!.id, request.teamIds);
  return loadAccount(db, row!.id);
}

export async function updateAccount(db: Database, agentId: string, update: AccountUpdateRequest): Promise<AccountView> {
  await loadAccount(db, agentId);
  if (update.name !== undefined || update.role !== undefined) {
    await db.update(agents).set({ name: update.name, role: update.role }).where(eq(agents.id, agentId));
  }
  if (update.teamIds) {
    await assertTeamsExist(db, update.teamIds);
    await setTeams(db, agentId, update.teamIds);
  }
  return loadAccount(db, agentId);
}

export async function setAccountActive(db: Database, agentId: string, active: boolean): Promise<AccountView> {
  await loadAccount(db, agentId);
  await db.update(agents).set({ active }).where(eq(agents.id, agentId));
  return loadAccount(db, agentId);
}

export async function setPassword(db: Database, agentId: string, password: string): Promise<void> {
  const account = await loadAccount(db, agentId);
  if (account.isSingleSignOn) {
    throw new HttpError(409, 'single_sign_on_account', 'This account signs in through the force’s identity provider; it has no password here.');
  }
  assertPasswordAllowed(password, account);
  await db.update(agents).set({ passwordHash: await hashPassword(password) }).where(eq(agents.id, agentId));
}

async function assertTeamsExist(db: Database, teamIds: string[]) {
  if (teamIds.length === 0) return;
  const found = await db.select({ id: teams.id }).from(teams).where(inArray(teams.id, teamIds));
  if (found.length !== new Set(teamIds).size) throw new HttpError(400, 'unknown_team', 'One of those teams does not exist.');
}

/** Replaces the agent's team memberships (which decide the restricted threads they may read). */
export async function setTeams(db: Database, agentId: string, teamIds: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(agentTeams).where(eq(agentTeams.agentId, agentId));
    if (teamIds.length) await tx.insert(agentTeams).values([...new Set(teamIds)].map((teamId) => ({ agentId, teamId })));
  });
}
