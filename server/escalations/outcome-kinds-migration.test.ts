import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../scripts/testing/use-test-database';

// Escalations resolved before outcome kinds existed: the migration reads their free text once.
// The statement is taken from the migration file itself and run on rows like the old ones.

const MIGRATIONS = path.resolve('server/db/migrations');
const classification = readdirSync(MIGRATIONS)
  .filter((file) => file.endsWith('.sql'))
  .map((file) => readFileSync(path.join(MIGRATIONS, file), 'utf8'))
  .flatMap((text) => text.split('--> statement-breakpoint'))
  .find((statement) => statement.includes('UPDATE escalations SET outcome_kind'))!;

const database = useTestDatabase();

const idOf = async (query: ReturnType<typeof sql>) => ((await database.db.execute(query)) as unknown as { rows: Array<{ id: string }> }).rows[0]!.id;

describe('giving old escalations an outcome kind', () => {
  it('reads what the free text plainly says, leaves the text, and calls the rest not recorded', async () => {
    const channel = await idOf(sql`insert into channels (type, account_id, display_name) values ('webchat', 'm', 'M') returning id`);
    const contact = await idOf(sql`insert into contacts (channel_id, platform_user_id) values (${channel}, 'p') returning id`);
    const thread = await idOf(sql`insert into threads (reference, channel_id, platform_conversation_id, contact_id, last_message_at) values ('SMD-2026-1', ${channel}, 'c', ${contact}, now()) returning id`);
    const team = await idOf(sql`insert into teams (name) values ('Control room') returning id`);
    const agent = await idOf(sql`insert into agents (name, email, password_hash, role) values ('A', 'a@desk.test', 'x', 'agent') returning id`);
    const outcomes: Array<[string | null, string]> = [
      ['Incident log 123 created, officers deployed', 'incident_created'],
      ['Officers attended', 'officer_deployed'],
      ['Referred to social services', 'referred_to_partner'],
      ['NFA', 'no_further_action'],
      ['Caller advised to ring 101', 'advice_given'],
      ['Dealt with', 'not_recorded'],
    ];
    for (const [outcome] of outcomes) {
      await database.db.execute(sql`insert into escalations (thread_id, team_id, reason, urgency, status, raised_by_agent_id, outcome)
        values (${thread}, ${team}, 'r', 'routine', 'resolved', ${agent}, ${outcome})`);
    }
    await database.db.execute(sql`insert into escalations (thread_id, team_id, reason, urgency, status, raised_by_agent_id) values (${thread}, ${team}, 'open', 'routine', 'raised', ${agent})`);

    await database.db.execute(sql.raw(classification));

    const rows = ((await database.db.execute(sql`select outcome, outcome_kind from escalations order by raised_at, outcome`)) as unknown as { rows: Array<{ outcome: string | null; outcome_kind: string | null }> }).rows;
    for (const [outcome, kind] of outcomes) expect(rows.find((row) => row.outcome === outcome)?.outcome_kind).toBe(kind);
    expect(rows.find((row) => row.outcome === null)?.outcome_kind).toBeNull();
  });
});
