import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';

/**
 * A small desk history whose report figures were worked out by hand (see reports.test.ts). It
 * crosses the September/October month boundary in BST (2026-09-30 23:30 UTC is 1 October 00:30
 * in the UK), the end of BST (25 October 2026: 01:30 happens twice), and October/November in GMT.
 * Messages are inserted as rows, so the reports' counters are kept by the same trigger as in use.
 */
export async function seedReportHistory(db: Database): Promise<{ aliceId: string; bobId: string }> {
  const row = async (query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: Array<{ id: string }> }).rows[0]!.id;
  const facebook = await row(sql`insert into channels (type, account_id, display_name) values ('facebook', 'report-page', 'Report Page') returning id`);
  const webchat = await row(sql`insert into channels (type, account_id, display_name) values ('webchat', 'report-web', 'Report web chat') returning id`);
  const desk = await row(sql`insert into teams (name) values ('Report desk') returning id`);
  const roads = await row(sql`insert into teams (name) values ('Report roads') returning id`);
  const aliceId = await row(sql`insert into agents (name, email, password_hash, role) values ('Alice Report', 'alice.report@desk.test', 'x', 'agent') returning id`);
  const bobId = await row(sql`insert into agents (name, email, password_hash, role) values ('Bob Report', 'bob.report@desk.test', 'x', 'agent') returning id`);

  let contactNumber = 0;
  const thread = async (values: {
    channel: string;
    category: string;
    risk: string;
    language: string;
    team: string | null;
    createdAt: string;
    firstResponseAt: string | null;
    slaDueAt: string;
    status: string;
    closedAt: string | null;
    assignee: string | null;
    restricted?: boolean;
    mergedInto?: string;
  }) => {
    contactNumber += 1;
    const contact = await row(sql`insert into contacts (channel_id, platform_user_id) values (${values.channel}, ${`report-person-${contactNumber}`}) returning id`);
    return row(sql`
      insert into threads (reference, channel_id, platform_conversation_id, contact_id, status, risk, category, language, team_id, assignee_id,
        last_message_at, created_at, first_response_at, sla_due_at, closed_at, restricted, merged_into_id)
      values (${`SMD-2026-9${String(contactNumber).padStart(5, '0')}`}, ${values.channel}, ${`report-conversation-${contactNumber}`}, ${contact},
        ${values.status}, ${values.risk}, ${values.category}, ${values.language}, ${values.team}, ${values.assignee},
        ${values.createdAt}, ${values.createdAt}, ${values.firstResponseAt}, ${values.slaDueAt}, ${values.closedAt},
        ${values.restricted ?? false}, ${values.mergedInto ?? null})
      returning id`);
  };
  const message = async (threadId: string, channel: string, sentAt: string, kind: 'in' | 'auto' | 'reply' | 'note', author: string | null = null, triage?: [string, string, string]) => {
    const direction = kind === 'in' ? 'in' : 'out';
    const storedKind = kind === 'in' || kind === 'reply' ? 'text' : kind;
    await db.execute(sql`
      insert into messages (thread_id, channel_id, direction, kind, text, delivery_status, sent_at, author_agent_id, category, risk, language)
      values (${threadId}, ${channel}, ${direction}, ${storedKind}, 'report fixture', ${direction === 'in' ? 'received' : 'sent'}, ${sentAt}, ${author},
        ${triage?.[0] ?? null}, ${triage?.[1] ?? null}, ${triage?.[2] ?? null})`);
  };

  // T1: Facebook, 1 October 00:30 BST; automatic reply at once, Alice answers 40 min later (a note too); closed after 3 h.
  const t1 = await thread({ channel: facebook, category: 'crime-report', risk: 'priority', language: 'en', team: desk, createdAt: '2026-09-30T23:30:00Z',
    firstResponseAt: '2026-10-01T00:10:00Z', slaDueAt: '2026-10-01T00:30:00Z', status: 'closed', closedAt: '2026-10-01T02:30:00Z', assignee: aliceId });
  await message(t1, facebook, '2026-09-30T23:30:00Z', 'in', null, ['crime-report', 'priority', 'en']);
  await message(t1, facebook, '2026-09-30T23:30:05Z', 'auto');
  await message(t1, facebook, '2026-10-01T00:05:00Z', 'note', aliceId);
  await message(t1, facebook, '2026-10-01T00:10:00Z', 'reply', aliceId);

  // T2: web chat in Welsh, 25 October 01:30 BST and again at 01:30 GMT; Bob answers at 02:30 GMT (120 min, SLA missed).
  const t2 = await thread({ channel: webchat, category: 'advice', risk: 'routine', language: 'cy', team: desk, createdAt: '2026-10-25T00:30:00Z',
    firstResponseAt: '2026-10-25T02:30:00Z', slaDueAt: '2026-10-25T01:30:00Z', status: 'open', closedAt: null, assignee: bobId });
  await message(t2, webchat, '2026-10-25T00:30:00Z', 'in', null, ['advice', 'routine', 'cy']);
  await message(t2, webchat, '2026-10-25T01:30:00Z', 'in', null, ['advice', 'routine', 'cy']);
  await message(t2, webchat, '2026-10-25T02:30:00Z', 'reply', bobId);

  // T3: Facebook emergency, 25 October 00:30 BST (24 October in UTC); only the automatic reply; closed 6 h later.
  const t3 = await thread({ channel: facebook, category: 'road-traffic', risk: 'emergency', language: 'en', team: roads, createdAt: '2026-10-24T23:30:00Z',
    firstResponseAt: null, slaDueAt: '2026-10-24T23:45:00Z', status: 'closed', closedAt: '2026-10-25T05:30:00Z', assignee: null });
  await message(t3, facebook, '2026-10-24T23:30:00Z', 'in', null, ['road-traffic', 'emergency', 'en']);
  await message(t3, facebook, '2026-10-24T23:30:05Z', 'auto');

  // T4: restricted web chat, 31 October 23:30 GMT; Alice answers in November (60 min); closed 3 h after it opened.
  const t4 = await thread({ channel: webchat, category: 'domestic-abuse', risk: 'priority', language: 'en', team: desk, createdAt: '2026-10-31T23:30:00Z',
    firstResponseAt: '2026-11-01T00:30:00Z', slaDueAt: '2026-11-01T01:00:00Z', status: 'closed', closedAt: '2026-11-01T02:30:00Z', assignee: aliceId, restricted: true });
  await message(t4, webchat, '2026-10-31T23:30:00Z', 'in', null, ['domestic-abuse', 'priority', 'en']);
  await message(t4, webchat, '2026-11-01T00:30:00Z', 'reply', aliceId);

  // T5: November. T6: October, merged into T1, so it is not a thread of its own.
  const t5 = await thread({ channel: facebook, category: 'advice', risk: 'routine', language: 'en', team: null, createdAt: '2026-11-01T00:10:00Z',
    firstResponseAt: '2026-11-01T00:40:00Z', slaDueAt: '2026-11-01T08:10:00Z', status: 'open', closedAt: null, assignee: bobId });
  await message(t5, facebook, '2026-11-01T00:10:00Z', 'in', null, ['advice', 'routine', 'en']);
  await message(t5, facebook, '2026-11-01T00:40:00Z', 'reply', bobId);
  await thread({ channel: facebook, category: 'advice', risk: 'routine', language: 'en', team: desk, createdAt: '2026-10-10T12:00:00Z',
    firstResponseAt: null, slaDueAt: '2026-10-10T20:00:00Z', status: 'closed', closedAt: '2026-10-10T13:00:00Z', assignee: null, mergedInto: t1 });

  // Escalations: roads acknowledged in 10 min and resolved in 2 h; the desk's still awaiting; one in November.
  await db.execute(sql`
    insert into escalations (thread_id, team_id, reason, urgency, status, raised_by_agent_id, raised_at, acknowledged_at, acknowledged_by_agent_id, resolved_at, resolved_by_agent_id, outcome)
    values (${t3}, ${roads}, 'Collision', 'immediate', 'resolved', ${aliceId}, '2026-10-25T00:00:00Z', '2026-10-25T00:10:00Z', ${bobId}, '2026-10-25T02:00:00Z', ${bobId}, 'Officers attended'),
           (${t4}, ${desk}, 'Safeguarding', 'within_hour', 'raised', ${aliceId}, '2026-10-31T23:40:00Z', null, null, null, null, null),
           (${t5}, ${roads}, 'Later', 'routine', 'raised', ${bobId}, '2026-11-02T09:00:00Z', null, null, null, null, null)`);
  // Outcome kinds: roads' October one was an officer deployed. The desk's 1 October 00:45 BST one was
  // advice (acknowledged in 30 min, resolved in 1 h); its 25 October 01:45 GMT one was
  // resolved before kinds existed, so "not recorded" (20 min, 2 h). Roads' 30 September 23:30 BST one
  // (an incident) is September's.
  await db.execute(sql`update escalations set outcome_kind = 'officer_deployed' where thread_id = ${t3}`);
  await db.execute(sql`
    insert into escalations (thread_id, team_id, reason, urgency, status, raised_by_agent_id, raised_at, acknowledged_at, acknowledged_by_agent_id, resolved_at, resolved_by_agent_id, outcome_kind, outcome)
    values (${t1}, ${desk}, 'Wants advice', 'routine', 'resolved', ${aliceId}, '2026-09-30T23:45:00Z', '2026-10-01T00:15:00Z', ${bobId}, '2026-10-01T00:45:00Z', ${bobId}, 'advice_given', 'Told them to ring 101'),
           (${t2}, ${desk}, 'Welsh speaker', 'routine', 'resolved', ${bobId}, '2026-10-25T01:45:00Z', '2026-10-25T02:05:00Z', ${aliceId}, '2026-10-25T03:45:00Z', ${aliceId}, null, 'Passed on'),
           (${t1}, ${roads}, 'Earlier', 'immediate', 'resolved', ${aliceId}, '2026-09-30T22:30:00Z', '2026-09-30T22:35:00Z', ${bobId}, '2026-09-30T23:00:00Z', ${bobId}, 'incident_created', 'Log 7')`);

  // Broadcasts, counted in the UK month their first channel post went out:
  // B1 road closure, Facebook 1 October 00:15 BST and X 00:20 BST → October.
  // B2 missing person, Facebook 25 October 01:30 GMT (the second 01:30), X failed; since withdrawn → October.
  // B3 road closure, Facebook 31 October 23:45 GMT → October. B4 witness appeal, X 1 November 00:15 GMT → November.
  // B5 general warning, Facebook 30 September 23:50 BST, X on 1 October → September. B6 wanted appeal, never published.
  const broadcast = async (template: string, status: string, posts: Array<[string, string, string | null]>) => {
    const id = await row(sql`insert into broadcasts (template, language, fields, text, area_tags, status, created_by_id)
      values (${template}, 'en', '{}'::jsonb, 'report fixture broadcast', '{}', ${status}, ${aliceId}) returning id`);
    for (const [channel, postStatus, publishedAt] of posts) {
      await db.execute(sql`insert into broadcast_posts (broadcast_id, channel, status, published_at) values (${id}, ${channel}, ${postStatus}, ${publishedAt})`);
    }
  };
  await broadcast('road_closure', 'approved', [['facebook', 'published', '2026-09-30T23:15:00Z'], ['twitter', 'published', '2026-09-30T23:20:00Z']]);
  await broadcast('missing_person', 'withdrawn', [['facebook', 'withdrawn', '2026-10-25T01:30:00Z'], ['twitter', 'failed', null]]);
  await broadcast('road_closure', 'approved', [['facebook', 'published', '2026-10-31T23:45:00Z']]);
  await broadcast('witness_appeal', 'approved', [['twitter', 'published', '2026-11-01T00:15:00Z']]);
  await broadcast('general_warning', 'approved', [['facebook', 'published', '2026-09-30T22:50:00Z'], ['twitter', 'published', '2026-10-01T08:00:00Z']]);
  await broadcast('wanted_appeal', 'awaiting_approval', [['facebook', 'awaiting_approval', null]]);
  return { aliceId, bobId };
}
