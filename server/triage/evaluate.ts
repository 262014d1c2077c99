import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { LANGUAGES, RISK_LEVELS, type RiskLevel } from '../../shared/constants';
import { TRIAGE_CATEGORIES, type TriageResult } from './categories';

/** One line of a labelled triage file (triage-dev.jsonl and the held-back sets). */
export const labelledMessageSchema = z.object({
  id: z.string(),
  lang: z.enum(LANGUAGES),
  risk: z.enum(RISK_LEVELS),
  category: z.enum(TRIAGE_CATEGORIES),
  text: z.string(),
});
export type LabelledMessage = z.infer<typeof labelledMessageSchema>;

export interface RiskScore {
  precision: number;
  recall: number;
  /** How many messages carry this label. */
  support: number;
  /** How many messages were classified with it. */
  predicted: number;
}

export interface Mistake {
  id: string;
  text: string;
  expected: Pick<LabelledMessage, 'risk' | 'category' | 'lang'>;
  actual: Pick<TriageResult, 'risk' | 'category' | 'language' | 'reasons'>;
}

export interface Evaluation {
  count: number;
  risk: Record<RiskLevel, RiskScore>;
  /** confusion[expected][actual] */
  confusion: Record<RiskLevel, Record<RiskLevel, number>>;
  categoryAccuracy: number;
  languageAccuracy: number;
  /** Mean time per classification, or null when timing was not asked for. */
  microsPerMessage: number | null;
  mistakes: Mistake[];
}

export interface EvaluateOptions {
  /** Time classification over the whole set, repeated for at least this long (ms). 0: no timing. */
  timingMillis?: number;
}

/** Reads a JSON-lines file of labelled messages; a bad line fails with its line number. */
export function readLabelledMessages(path: string): LabelledMessage[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => {
      const parsed = labelledMessageSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${number}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export function evaluateTriage(
  messages: readonly LabelledMessage[],
  classify: (text: string) => TriageResult,
  options: EvaluateOptions = {},
): Evaluation {
  const confusion = Object.fromEntries(
    RISK_LEVELS.map((expected) => [expected, Object.fromEntries(RISK_LEVELS.map((actual) => [actual, 0]))]),
  ) as Record<RiskLevel, Record<RiskLevel, number>>;
  let categoryHits = 0;
  let languageHits = 0;
  const mistakes: Mistake[] = [];
  for (const message of messages) {
    const result = classify(message.text);
    confusion[message.risk][result.risk] += 1;
    if (result.category === message.category) categoryHits += 1;
    if (result.language === message.lang) languageHits += 1;
    if (result.risk !== message.risk || result.category !== message.category || result.language !== message.lang) {
      mistakes.push({
        id: message.id,
        text: message.text,
        expected: { risk: message.risk, category: message.category, lang: message.lang },
        actual: { risk: result.risk, category: result.category, language: result.language, reasons: result.reasons },
      });
    }
  }
  const risk = Object.fromEntries(RISK_LEVELS.map((level) => [level, scoreRisk(confusion, level)])) as Record<
    RiskLevel,
    RiskScore
  >;
  const count = messages.length;
  return {
    count,
    risk,
    confusion,
    categoryAccuracy: count === 0 ? 0 : categoryHits / count,
    languageAccuracy: count === 0 ? 0 : languageHits / count,
    microsPerMessage: options.timingMillis ? measureMicrosPerMessage(messages, classify, options.timingMillis) : null,
    mistakes,
  };
}

function scoreRisk(confusion: Record<RiskLevel, Record<RiskLevel, number>>, level: RiskLevel): RiskScore {
  const truePositives = confusion[level][level];
  const support = RISK_LEVELS.reduce((sum, actual) => sum + confusion[level][actual], 0);
  const predicted = RISK_LEVELS.reduce((sum, expected) => sum + confusion[expected][level], 0);
  return {
    // Nothing predicted: perfect if there was nothing to find, else nothing was found.
    precision: predicted === 0 ? (support === 0 ? 1 : 0) : truePositives / predicted,
    recall: support === 0 ? 1 : truePositives / support,
    support,
    predicted,
  };
}

/**
 * Classifies the whole set over and over for about `millis` (after a warm-up), in five rounds,
 * and reports the fastest round: other processes on a shared machine only ever slow a round
 * down, so the fastest is the closest to the classifier's own cost.
 */
export function measureMicrosPerMessage(
  messages: readonly Pick<LabelledMessage, 'text'>[],
  classify: (text: string) => unknown,
  millis: number,
  rounds = 5,
): number {
  if (messages.length === 0) return 0;
  for (let warmUp = 0; warmUp < 20; warmUp += 1) messages.forEach((message) => classify(message.text));
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round += 1) {
    let classified = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < millis / rounds) {
      for (const message of messages) classify(message.text);
      classified += messages.length;
      elapsed = performance.now() - start;
    }
    best = Math.min(best, (elapsed * 1000) / classified);
  }
  return best;
}

/** The one-line summary the eval script prints last. */
export function summariseEvaluation(evaluation: Evaluation) {
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const pr = (level: RiskLevel) => ({
    precision: round(evaluation.risk[level].precision),
    recall: round(evaluation.risk[level].recall),
  });
  return {
    emergency: pr('emergency'),
    priority: pr('priority'),
    routine: pr('routine'),
    categoryAccuracy: round(evaluation.categoryAccuracy),
    languageAccuracy: round(evaluation.languageAccuracy),
    microsPerMessage: evaluation.microsPerMessage === null ? null : Math.round(evaluation.microsPerMessage * 10) / 10,
  };
}

/** A human-readable report: per-risk scores, the confusion matrix, accuracies, timing, mistakes. */
export function formatEvaluation(evaluation: Evaluation, source: string): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const lines = [`Triage evaluation of ${evaluation.count} messages from ${source}`, ''];
  lines.push('risk        precision  recall  support  predicted');
  for (const level of RISK_LEVELS) {
    const score = evaluation.risk[level];
    lines.push(
      `${level.padEnd(11)} ${percent(score.precision).padStart(9)} ${percent(score.recall).padStart(7)} ${String(score.support).padStart(8)} ${String(score.predicted).padStart(10)}`,
    );
  }
  lines.push('', 'confusion (rows: expected, columns: classified)');
  lines.push(`${''.padEnd(11)} ${RISK_LEVELS.map((level) => level.padStart(10)).join('')}`);
  for (const expected of RISK_LEVELS) {
    lines.push(`${expected.padEnd(11)} ${RISK_LEVELS.map((actual) => String(evaluation.confusion[expected][actual]).padStart(10)).join('')}`);
  }
  lines.push('', `category accuracy  ${percent(evaluation.categoryAccuracy)}`, `language accuracy  ${percent(evaluation.languageAccuracy)}`);
  if (evaluation.microsPerMessage !== null) lines.push(`time per message   ${evaluation.microsPerMessage.toFixed(1)} µs`);
  if (evaluation.mistakes.length > 0) {
    lines.push('', `mistakes (${evaluation.mistakes.length})`);
    for (const mistake of evaluation.mistakes) {
      const { expected, actual } = mistake;
      lines.push(
        `  ${mistake.id}: expected ${expected.risk}/${expected.category}/${expected.lang}, got ${actual.risk}/${actual.category}/${actual.language}`,
        `    ${mistake.text}`,
        `    ${actual.reasons.join('; ') || '(no reasons)'}`,
      );
    }
  }
  return lines.join('\n');
}
