// The text of a bench message carries its run, its index and its webhook's send time (epoch ms)
// for the agents' sockets to time it. The numbers are written in symbols, not digits:
// PostgreSQL's text search skips symbols, so the marker adds no words to the thread's search
// document. Digits would add four never-seen words per message, growing each of the bench's 400
// threads by ~900 words over a run, which people's messages do not do (a thread's words repeat);
// the words of a thread's document are re-indexed at every write of its row, so that alone made
// PostgreSQL ~10x slower per message by the end (ingest-path bench with 900-word threads: 3.2–3.6
// against 0.35 ms/message).
const SYMBOLS = '~!@#$%^&*(';
const POINT = '+';
const BODY = 'Someone took my bike from outside the library — café ☕';

const encode = (number: string) => [...number].map((character) => (character === '.' ? POINT : SYMBOLS[Number(character)])).join('');
const decode = (symbols: string) => [...symbols].map((character) => (character === POINT ? '.' : String(SYMBOLS.indexOf(character)))).join('');
const escaped = (characters: string) => characters.replace(/[\\^$*+?.()|[\]{}-]/g, '\\$&');
const MARKER = new RegExp(`^bench (\\w+) ([${escaped(SYMBOLS)}]+) ([${escaped(SYMBOLS + POINT)}]+) `);

/**
 * The clock every bench process stamps and reads times with: the wall clock, read afresh. Each
 * process's `performance.timeOrigin` is the wall clock once, at its start, so a clock step between
 * two processes' starts showed as latency (a fan-out run read 9.3 s at p50 and p99 alike).
 */
export const benchNow = () => Date.now();

export function benchText(run: string, index: number, sentAt: number): string {
  return `bench ${run} ${encode(String(index))} ${encode(String(Math.round(sentAt)))} ${BODY}`;
}

/** The run, index and send time of a bench text (a thread's preview or a message), or null. */
export function readBenchText(text: string | null | undefined): { run: string; index: number; sentAt: number } | null {
  const match = MARKER.exec(text ?? '');
  if (!match) return null;
  return { run: match[1]!, index: Number(decode(match[2]!)), sentAt: Number(decode(match[3]!)) };
}
