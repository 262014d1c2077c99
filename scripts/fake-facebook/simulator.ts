import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EVERYDAY_DESK_MESSAGES, FOLLOW_UP_MESSAGES } from './desk-messages';
import { PERSONAS, type Persona } from './personas';
import type { FakeFacebook } from './server';

/**
 * The shared triage sample set. `shared/` (data and contracts) sits beside the repository, both
 * here (/work/shared next to /work/main) and in CI (`<repo>/../shared`).
 */
export const DEFAULT_SAMPLE_PATH = fileURLToPath(new URL('../../../shared/data/triage-dev.jsonl', import.meta.url));

const sampleLineSchema = z.object({ text: z.string().min(1) });

/** Texts of a JSONL file of `{"text": …}` lines (extra keys ignored). */
export function loadSampleTexts(path: string = DEFAULT_SAMPLE_PATH): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), lineNumber: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, lineNumber }) => {
      const parsed = sampleLineSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${lineNumber}: expected an object with a "text" string`);
      return parsed.data.text;
    });
}

export interface TrafficSimulatorOptions {
  fake: FakeFacebook;
  messagesPerMinute: number;
  /** Extra texts (e.g. from loadSampleTexts) mixed half and half with the built-in desk messages. */
  texts?: string[];
  random?: () => number;
  /** Receives counts and statuses only, never message text or names. */
  log?: (line: string) => void;
}

export interface TrafficSimulator {
  stop(): void;
  sentCount(): number;
}

// Share of arrivals that are a second message from the person who wrote last.
const FOLLOW_UP_PROBABILITY = 0.2;

/** Demo traffic: members of the public messaging the Page at a Poisson-ish rate. */
export function startTrafficSimulator(options: TrafficSimulatorOptions): TrafficSimulator {
  if (!(options.messagesPerMinute > 0)) throw new RangeError('messagesPerMinute must be greater than 0');
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  const meanGapMs = 60_000 / options.messagesPerMinute;
  let sent = 0;
  let failed = 0;
  let lastPersona: Persona | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  const nextMessage = (): { persona: Persona; text: string; isFollowUp: boolean } => {
    if (lastPersona && random() < FOLLOW_UP_PROBABILITY) {
      return { persona: lastPersona, text: pick(FOLLOW_UP_MESSAGES), isFollowUp: true };
    }
    const extra = options.texts ?? [];
    const text = extra.length > 0 && random() < 0.5 ? pick(extra) : pick(EVERYDAY_DESK_MESSAGES);
    return { persona: pick(PERSONAS), text, isFollowUp: false };
  };

  const sendOne = async (): Promise<void> => {
    const { persona, text, isFollowUp } = nextMessage();
    lastPersona = persona;
    try {
      const { status } = await options.fake.sendUserMessage({ psid: persona.psid, name: persona.name, text });
      sent += 1;
      if (status !== 200) failed += 1;
      const outcome = status === 0 ? 'webhook unreachable' : `webhook answered ${status}`;
      const kind = isFollowUp ? ' (follow-up)' : '';
      log(`fake-facebook simulator: message ${sent}${kind}, ${outcome}; ${failed} of ${sent} not answered 200`);
    } catch (error) {
      log(`fake-facebook simulator: could not send message: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const scheduleNext = (): void => {
    if (stopped) return;
    // Exponential gaps between arrivals make a Poisson process: bursts and lulls, like real traffic.
    const gap = -Math.log(1 - random()) * meanGapMs;
    timer = setTimeout(() => {
      void sendOne();
      scheduleNext();
    }, gap);
  };

  scheduleNext();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    sentCount: () => sent,
  };
}
