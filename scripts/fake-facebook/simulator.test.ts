import { describe, expect, it } from 'vitest';
import { EVERYDAY_DESK_MESSAGES, FOLLOW_UP_MESSAGES } from './desk-messages';
import { PERSONAS } from './personas';
import { DEFAULT_SAMPLE_PATH, loadSampleTexts, startTrafficSimulator } from './simulator';
import { startHarness } from './test-harness';

const textsOf = (posts: Array<{ rawBody: Buffer }>): string[] =>
  posts.map((post) => JSON.parse(post.rawBody.toString()).entry[0].messaging[0].message.text as string);
const sendersOf = (posts: Array<{ rawBody: Buffer }>): string[] =>
  posts.map((post) => JSON.parse(post.rawBody.toString()).entry[0].messaging[0].sender.id as string);

describe('traffic simulator', () => {
  it('loads the shared triage sample texts', () => {
    const texts = loadSampleTexts(DEFAULT_SAMPLE_PATH);
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.every((text) => typeof text === 'string' && text.length > 0)).toBe(true);
  });

  it('has about 30 personas with distinct string PSIDs beyond Number precision', () => {
    expect(PERSONAS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(PERSONAS.map((p) => p.psid)).size).toBe(PERSONAS.length);
    expect(PERSONAS.every((p) => !Number.isSafeInteger(Number(p.psid)))).toBe(true);
  });

  it('sends messages at the configured rate and logs counts, never text', async () => {
    const { fake, receiver } = await startHarness();
    const lines: string[] = [];
    const samples = ['a sample from the triage set'];

    const simulator = startTrafficSimulator({ fake, messagesPerMinute: 6000, texts: samples, log: (l) => lines.push(l) });
    const posts = await receiver.waitForPosts(8);
    simulator.stop();

    expect(simulator.sentCount()).toBeGreaterThanOrEqual(7);
    const pool = new Set([...EVERYDAY_DESK_MESSAGES, ...FOLLOW_UP_MESSAGES, ...samples]);
    for (const text of textsOf(posts)) {
      expect(pool.has(text)).toBe(true);
      expect(lines.some((line) => line.includes(text))).toBe(false);
    }
    expect(lines.some((line) => PERSONAS.some((p) => line.includes(p.name) || line.includes(p.psid)))).toBe(false);
  });

  it('sometimes follows up from the same persona', async () => {
    const { fake, receiver } = await startHarness();

    // 0.1 is below the follow-up probability, so every message after the first is a follow-up.
    const simulator = startTrafficSimulator({ fake, messagesPerMinute: 6000, random: () => 0.1 });
    const posts = await receiver.waitForPosts(3);
    simulator.stop();

    expect(new Set(sendersOf(posts.slice(0, 3))).size).toBe(1);
    expect(FOLLOW_UP_MESSAGES).toContain(textsOf(posts)[1]);
  });

  it('stops sending when stopped', async () => {
    const { fake, receiver } = await startHarness();
    const simulator = startTrafficSimulator({ fake, messagesPerMinute: 6000 });
    await receiver.waitForPosts(1);

    simulator.stop();
    // Deliveries already in flight may still land (several, on a busy machine); nothing after that.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const countAfterInFlight = receiver.received.length;
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(receiver.received.length).toBe(countAfterInFlight);
  });

  it('refuses a rate that is not positive', async () => {
    const { fake } = await startHarness();
    expect(() => startTrafficSimulator({ fake, messagesPerMinute: 0 })).toThrow(RangeError);
  });
});
