import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signMetaBody } from '../../scripts/fake-facebook/meta-json';
import { signWithConsumerSecret } from '../../scripts/fake-x/account-activity';
import { eventually, startTestDesk, TEST_APP_SECRET, TEST_PAGE_ID, TEST_X, type TestDesk } from '../../scripts/testing/test-desk';
import { messages } from '../db/schema';

// Fault test: 1,000 bodies nobody should send — random JSON, truncated, huge, wrong types, wrong
// signatures, a valid signature over malformed content — half to the Messenger webhook, half to
// X's Account Activity webhook. The desk answers each with a 4xx or a logged skip (200), stores
// nothing, fails no job, and still stores a good message afterwards.

const BODIES_PER_PLATFORM = 500;
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk({ x: { hasAccountActivity: true } });
});
afterAll(async () => {
  await desk?.close();
});

/** mulberry32: the same bodies on every run for a given FUZZ_SEED, so a failure can be replayed. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof seededRandom>;

function randomJson(random: Random, depth = 0): unknown {
  const kind = random.int(depth > 3 ? 5 : 7);
  if (kind === 0) return null;
  if (kind === 1) return random.next() < 0.5;
  if (kind === 2) return random.pick([0, -1, 1e308, 2 ** 53 + 1, random.next() * 1e6]);
  if (kind === 3) return random.pick(['', 'page', 'message_create', '\u0000', '\ud800', 'x'.repeat(random.int(2000))]);
  if (kind === 4) return random.pick(['__proto__', 'constructor', 'entry', 'messaging']);
  if (kind === 5) return Array.from({ length: random.int(4) }, () => randomJson(random, depth + 1));
  const keys = ['object', 'entry', 'messaging', 'for_user_id', 'direct_message_events', 'message', 'sender', 'id', 'text', '__proto__'];
  return Object.fromEntries(Array.from({ length: random.int(5) }, () => [random.pick(keys), randomJson(random, depth + 1)]));
}

/** Values of the wrong type for a field that holds a string, a number, an object or an array. */
const WRONG_TYPES = {
  string: [null, 42, true, [], {}, ['7990000000000001'], { id: '1' }],
  // Ids may be numbers (contracts/platforms.md §11): anything else is wrong.
  id: [null, '', true, [], {}, ['7990000000000001'], { id: '1' }],
  number: [null, 'soon', true, [], {}, '1e999'],
  object: [null, 42, 'text', true, [], [{}]],
  array: [null, 42, 'text', {}, { 0: {} }, true],
} as const;
type FieldType = keyof typeof WRONG_TYPES;

interface Platform {
  name: 'facebook' | 'x';
  /** A well-formed body that would store one message. */
  validBody(n: number): Record<string, unknown>;
  /** Paths into the valid body whose value must have one type, with that type. */
  fields: Array<[path: Array<string | number>, type: FieldType]>;
  /** Where the events sit: a huge body fills it with junk. */
  eventsPath: Array<string | number>;
  sign(body: string | Buffer): string;
  post(body: string | Buffer, signature: string | null): Promise<number>;
}

const messaging = ['entry', 0, 'messaging', 0];
const facebook = (): Platform => ({
  name: 'facebook',
  validBody: (n) => ({
    object: 'page',
    entry: [{ id: TEST_PAGE_ID, time: Date.now(), messaging: [{ sender: { id: String(7_990_100_000_000_000 + n) }, recipient: { id: TEST_PAGE_ID }, timestamp: Date.now(), message: { mid: `m_fuzz_${n}`, text: `Fuzz ${n}` } }] }],
  }),
  fields: [
    [['entry'], 'array'],
    [['entry', 0], 'object'],
    [['entry', 0, 'messaging'], 'array'],
    [messaging, 'object'],
    [[...messaging, 'sender'], 'object'],
    [[...messaging, 'sender', 'id'], 'id'],
    [[...messaging, 'recipient'], 'object'],
    [[...messaging, 'timestamp'], 'number'],
    [[...messaging, 'message'], 'object'],
    [[...messaging, 'message', 'mid'], 'string'],
    [[...messaging, 'message', 'text'], 'string'],
  ],
  eventsPath: ['entry', 0, 'messaging'],
  sign: (body) => signMetaBody(body, TEST_APP_SECRET),
  post: async (body, signature) => (await desk.facebook.deliverRaw(body, { signature })).status,
});

const dm = ['direct_message_events', 0];
const x = (): Platform => ({
  name: 'x',
  validBody: (n) => ({
    for_user_id: TEST_X.userId,
    direct_message_events: [
      {
        type: 'message_create',
        id: String(1_900_000_000_000_000_000n + BigInt(n)),
        created_timestamp: String(Date.now()),
        message_create: { target: { recipient_id: TEST_X.userId }, sender_id: String(3_300_000_000 + n), message_data: { text: `Fuzz ${n}`, entities: {} } },
      },
    ],
  }),
  fields: [
    [['for_user_id'], 'string'],
    [['direct_message_events'], 'array'],
    [dm, 'object'],
    [[...dm, 'id'], 'id'],
    [[...dm, 'created_timestamp'], 'string'],
    [[...dm, 'message_create'], 'object'],
    [[...dm, 'message_create', 'sender_id'], 'id'],
    [[...dm, 'message_create', 'target'], 'object'],
    [[...dm, 'message_create', 'message_data'], 'object'],
    [[...dm, 'message_create', 'message_data', 'text'], 'string'],
  ],
  eventsPath: ['direct_message_events'],
  sign: (body) => signWithConsumerSecret(body, TEST_X.consumerSecret),
  post: async (body, signature) => (await desk.x!.deliverRaw(body, { signature })).status,
});

function setPath(target: Record<string, unknown>, path: Array<string | number>, value: unknown) {
  let node: any = target;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]!] = value;
}

type Case = { kind: string; body: string | Buffer; signature: 'valid' | 'none' | 'wrong' };

/** One fuzzed body: every case that is correctly signed is malformed, and every well-formed one is wrongly signed. */
function fuzzCase(platform: Platform, random: Random, n: number): Case {
  const valid = JSON.stringify(platform.validBody(n));
  switch (n % 6) {
    case 0:
      return { kind: 'random JSON', body: JSON.stringify(randomJson(random)) ?? 'null', signature: 'valid' };
    case 1:
      return { kind: 'truncated', body: valid.slice(0, 1 + random.int(valid.length - 2)), signature: 'valid' };
    case 2: {
      const body = platform.validBody(n);
      const [path, type] = random.pick(platform.fields);
      setPath(body, path, random.pick(WRONG_TYPES[type]));
      return { kind: `wrong type at ${path.join('.')}`, body: JSON.stringify(body), signature: 'valid' };
    }
    case 3:
      return { kind: 'well-formed, wrong or no signature', body: valid, signature: random.pick(['none', 'wrong'] as const) };
    case 4:
      return {
        kind: 'malformed bytes, signed',
        body: random.pick([
          () => randomBytes(1 + random.int(512)),
          () => Buffer.from(`\ufeff${valid}`),
          () => `${'['.repeat(5000)}${']'.repeat(5000)}`,
          () => `${valid}${valid}`,
          () => '',
          () => valid.replace(/"/g, "'"),
        ])(),
        signature: 'valid',
      };
    default: {
      // Huge: events that are only junk, past WEBHOOK_BODY_LIMIT (1 MB) now and then, else just large.
      const body = platform.validBody(n);
      const junk = 'x'.repeat(1000);
      setPath(body, platform.eventsPath, Array.from({ length: n % 60 === 5 ? 1100 : 200 }, () => junk));
      return { kind: 'huge', body: JSON.stringify(body), signature: n % 12 === 5 ? 'wrong' : 'valid' };
    }
  }
}

describe('webhook bodies nobody should send', () => {
  for (const platform of [facebook, x]) {
    it(`answers ${BODIES_PER_PLATFORM} fuzzed ${platform().name} webhooks with a 4xx or a skip, stores nothing and stays up`, async () => {
      const target = platform();
      const random = seededRandom(SEED + target.name.length);
      const unexpected: string[] = [];
      const kinds = new Map<number, string>();
      const statuses = new Set<number>();
      for (let n = 0; n < BODIES_PER_PLATFORM; n += 1) {
        const fuzzed = fuzzCase(target, random, n);
        kinds.set(n, fuzzed.kind);
        const signature = fuzzed.signature === 'valid' ? target.sign(fuzzed.body) : fuzzed.signature === 'none' ? null : `sha256=${randomBytes(32).toString('hex')}`;
        const status = await target.post(fuzzed.body, signature);
        statuses.add(status);
        const isAnswered = (status >= 400 && status < 500) || status === 200;
        if (!isAnswered) unexpected.push(`#${n} ${fuzzed.kind} (${fuzzed.signature} signature): ${status}`);
      }
      expect(unexpected).toEqual([]);
      // Bad JSON or envelope 400, bad signature 403, too large 413; events it cannot read skipped with a 200.
      expect([...statuses].sort()).toEqual([200, 400, 403, 413]);

      await desk.inboundSettled();
      const stored = await desk.desk.database.db.select({ text: messages.text }).from(messages);
      expect(stored.map(({ text }) => `${text.slice(0, 40)}: ${kinds.get(Number(/Fuzz (\d+)/.exec(text)?.[1]))}`)).toEqual([]);
      expect(await desk.desk.queues.inbound.getFailedCount()).toBe(0);
      expect((await desk.api('/healthz')).status).toBe(200);
    }, 120_000);
  }

  it('still stores a good message from each platform afterwards', async () => {
    await desk.facebook.sendUserMessage({ psid: '7990199999999999', text: 'A good message after the fuzzing' });
    await desk.x!.sendUserDm({ userId: '3399999999', text: 'A good DM after the fuzzing' });
    await eventually(async () => (await desk.desk.database.db.select().from(messages).where(eq(messages.text, 'A good message after the fuzzing'))).length === 1);
    await eventually(async () => (await desk.desk.database.db.select().from(messages).where(eq(messages.text, 'A good DM after the fuzzing'))).length === 1);
  });
});
