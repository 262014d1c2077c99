// X ids are snowflakes: milliseconds since the Twitter epoch in the high bits, a sequence in the
// low 22. Real ones are already past 2^53 (about 1.9e18 in 2026), so a client that reads them as
// Number loses digits and misorders them — which is what the fake must expose (contract §5).
const TWITTER_EPOCH_MS = 1288834974657n;

export class SnowflakeIds {
  private lastMs = 0n;
  private sequence = 0n;

  constructor(private readonly now: () => number) {}

  next(): string {
    const ms = BigInt(this.now()) - TWITTER_EPOCH_MS;
    if (ms === this.lastMs) this.sequence += 1n;
    else this.sequence = 0n;
    // Never go backwards, even if the clock does: ids must stay time-ordered.
    const at = ms > this.lastMs ? ms : this.lastMs;
    this.lastMs = at;
    return ((at << 22n) | (this.sequence & 0x3fffffn)).toString();
  }
}

export function compareIds(a: string, b: string): number {
  const left = BigInt(a);
  const right = BigInt(b);
  return left === right ? 0 : left < right ? -1 : 1;
}

/** A 1:1 conversation's id: `{smallerUserId}-{largerUserId}` (contract §5). */
export function oneToOneConversationId(a: string, b: string): string {
  return compareIds(a, b) <= 0 ? `${a}-${b}` : `${b}-${a}`;
}
