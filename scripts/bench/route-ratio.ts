import { cpuMs } from './processes';
import type { LoadResult } from './webhook-load';

type Generate = (urls: string[], run: string, rate: number, seconds: number) => Promise<LoadResult>;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const perSecond = (result: LoadResult) => result.accepted / (result.elapsedMs / 1000);
const range = (values: number[]) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;
const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * The webhook route against a bare Express handler, fairly: the same generator process, payload,
 * connections and round length, in alternating rounds (bare, webhook, webhook, bare, …) so that a
 * change in the machine's load falls on both alike, after one warm-up round each. Reports the
 * median req/s of each, their ratio, and the spread: the lowest and highest ratio of one round's pair.
 * Also each server's CPU time per request (from /proc), which a busy machine barely moves: their
 * ratio is what the req/s ratio would be on cores of its own.
 */
export async function compareWebhookRouteWithBareExpress(
  generate: Generate,
  webhook: { url: string; pid: number },
  bare: { url: string; pid: number },
  rounds: number,
  seconds: number,
) {
  const targets = { webhook: { ...webhook, reqPerSec: [] as number[], cpuUsPerRequest: [] as number[] }, bare: { ...bare, reqPerSec: [] as number[], cpuUsPerRequest: [] as number[] } };
  for (let round = -1; round < rounds; round += 1) {
    const order = round % 2 === 0 ? (['webhook', 'bare'] as const) : (['bare', 'webhook'] as const);
    for (const name of order) {
      const target = targets[name];
      const cpuBefore = cpuMs([target.pid]);
      const result = await generate([target.url], `route${name}${round + 1}`, 0, seconds);
      if (result.refused + result.failed > 0) throw new Error(`${name} round ${round + 1}: ${result.refused} refused, ${result.failed} failed`);
      if (round < 0) continue; // warm-up
      target.reqPerSec.push(perSecond(result));
      target.cpuUsPerRequest.push(((cpuMs([target.pid]) - cpuBefore) * 1000) / result.accepted);
    }
  }
  const ratios = targets.webhook.reqPerSec.map((reqPerSec, round) => reqPerSec / targets.bare.reqPerSec[round]!);
  const [webhookCpu, bareCpu] = [median(targets.webhook.cpuUsPerRequest), median(targets.bare.cpuUsPerRequest)];
  return {
    routeRounds: rounds,
    routeRoundSeconds: seconds,
    webhookReqPerSec: Math.round(median(targets.webhook.reqPerSec)),
    bareExpressReqPerSec: Math.round(median(targets.bare.reqPerSec)),
    webhookRatio: round2(median(targets.webhook.reqPerSec) / median(targets.bare.reqPerSec)),
    webhookRatioMin: round2(Math.min(...ratios)),
    webhookRatioMax: round2(Math.max(...ratios)),
    webhookReqPerSecRange: range(targets.webhook.reqPerSec),
    bareExpressReqPerSecRange: range(targets.bare.reqPerSec),
    webhookCpuUsPerRequest: Math.round(webhookCpu),
    bareExpressCpuUsPerRequest: Math.round(bareCpu),
    webhookRatioByCpu: round2(bareCpu / webhookCpu),
  };
}
