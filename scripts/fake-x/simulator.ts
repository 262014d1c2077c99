import { EVERYDAY_DESK_MESSAGES, FOLLOW_UP_MESSAGES } from '../fake-facebook/desk-messages';
import type { FakeX } from './server';

/** Fictional members of the public on X; user ids are numeric strings like real ones. */
export const X_PERSONAS: ReadonlyArray<{ userId: string; name: string; username: string }> = [
  { userId: '1402938475610293847', name: 'Carys Jones', username: 'carys_j' },
  { userId: '987654321', name: 'Ben Howells', username: 'benhowells' },
  { userId: '1598000111222333444', name: 'Anwen Rees', username: 'anwenrees' },
  { userId: '44196397', name: 'Mike Patel', username: 'mikep' },
  { userId: '1720000000000000001', name: 'Lowri Evans', username: 'lowri_e' },
  { userId: '302945810', name: 'Tom Bradley', username: 'tbradley' },
];

export interface XTrafficSimulator {
  stop(): void;
  sentCount(): number;
}

/** Demo traffic for X: DMs to the account at a Poisson-ish rate, read by the desk's poller. */
export function startXTrafficSimulator(options: {
  fake: FakeX;
  messagesPerMinute: number;
  texts?: string[];
  random?: () => number;
  log?: (line: string) => void;
}): XTrafficSimulator {
  if (!(options.messagesPerMinute > 0)) throw new RangeError('messagesPerMinute must be greater than 0');
  const random = options.random ?? Math.random;
  const meanGapMs = 60_000 / options.messagesPerMinute;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  let sent = 0;
  let last: (typeof X_PERSONAS)[number] | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const sendOne = async () => {
    const isFollowUp = last !== undefined && random() < 0.2;
    const persona = isFollowUp && last ? last : pick(X_PERSONAS);
    const extra = options.texts ?? [];
    const text = isFollowUp ? pick(FOLLOW_UP_MESSAGES) : extra.length > 0 && random() < 0.5 ? pick(extra) : pick(EVERYDAY_DESK_MESSAGES);
    last = persona;
    try {
      await options.fake.sendUserDm({ ...persona, text });
      sent += 1;
      options.log?.(`fake-x simulator: DM ${sent}${isFollowUp ? ' (follow-up)' : ''}`);
    } catch (error) {
      options.log?.(`fake-x simulator: could not send a DM: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const scheduleNext = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void sendOne();
      scheduleNext();
    }, -Math.log(1 - random()) * meanGapMs);
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
