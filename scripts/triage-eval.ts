// Scores the triage classifier on a labelled JSON-lines file (id, lang, risk, category, text).
//   npx tsx scripts/triage-eval.ts [FILE.jsonl]      npm run triage:eval -- [FILE.jsonl]
// Prints per-risk precision and recall, the risk confusion matrix, category and language
// accuracy, the time per message and the mistakes; the last line is one JSON summary object.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { triageMessage } from '../server/triage';
import { evaluateTriage, formatEvaluation, readLabelledMessages, summariseEvaluation } from '../server/triage/evaluate';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const defaultFile = path.resolve(repoRoot, '..', 'shared/data/triage-dev.jsonl');
const TIMING_MILLIS = 2000;

const [fileArgument] = process.argv.slice(2).filter((argument) => argument !== '--');
const file = fileArgument ? path.resolve(process.cwd(), fileArgument) : defaultFile;

const evaluation = evaluateTriage(readLabelledMessages(file), triageMessage, { timingMillis: TIMING_MILLIS });
console.log(formatEvaluation(evaluation, path.relative(process.cwd(), file) || file));
console.log(JSON.stringify(summariseEvaluation(evaluation)));
