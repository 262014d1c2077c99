import { CLAUSE_BREAK } from './normalise';

/*
 * Compiles the phrase patterns of the rules (syntax in rules.schema.ts) into regular expressions
 * over normalised text, " word word | word ". Each word fragment carries its leading space, so
 * words only ever match whole, and no fragment can match the clause break "|".
 */

/** Words one of which must be in the message for the pattern to have a chance (a prefilter). */
export interface Anchors {
  words: string[];
  prefixes: string[];
}

export interface CompiledPattern {
  source: string;
  /** Regular expression source without the final word-boundary look-ahead. */
  body: string;
  /** Global: reset lastIndex before use. */
  regex: RegExp;
  /** Null when the pattern has no required word (it is then tried on every message). */
  anchors: Anchors | null;
  /** Literal words, for the spelling vocabulary. */
  literals: string[];
}

type Node =
  | { kind: 'words'; words: string[]; optional: boolean }
  | { kind: 'prefix'; prefix: string; optional: boolean }
  | { kind: 'number'; optional: boolean }
  | { kind: 'regex'; source: string; optional: boolean }
  | { kind: 'gap'; max: number }
  | { kind: 'group'; alternatives: Node[][]; optional: boolean };

const ANY_WORD = `[^ ${CLAUSE_BREAK}]`;

export function compilePattern(source: string, normaliseWord: (word: string) => string[]): CompiledPattern {
  const parser = new PatternParser(source.trim(), normaliseWord);
  const sequence = parser.parseSequence();
  parser.expectEnd();
  if (sequence.length === 0 || sequence.every((node) => node.kind === 'gap')) {
    throw new Error(`pattern "${source}" matches nothing`);
  }
  const body = sequenceToRegex(sequence);
  if (new RegExp(`^(?:${body})$`).test('')) throw new Error(`pattern "${source}" can match no words at all`);
  const literals: string[] = [];
  collectLiterals(sequence, literals);
  return { source, body, regex: new RegExp(`${body}(?= )`, 'g'), anchors: sequenceAnchors(sequence), literals };
}

class PatternParser {
  private position = 0;
  constructor(
    private readonly source: string,
    private readonly normaliseWord: (word: string) => string[],
  ) {}

  parseSequence(): Node[] {
    const nodes: Node[] = [];
    for (;;) {
      this.skipSpaces();
      const char = this.source[this.position];
      if (char === undefined || char === ')' || char === '|') return nodes;
      nodes.push(this.parseItem());
    }
  }

  expectEnd(): void {
    if (this.position < this.source.length) this.fail(`unexpected "${this.source[this.position]}"`);
  }

  private parseItem(): Node {
    const char = this.source[this.position];
    if (char === '(') {
      this.position += 1;
      const alternatives: Node[][] = [this.parseSequence()];
      while (this.source[this.position] === '|') {
        this.position += 1;
        alternatives.push(this.parseSequence());
      }
      if (this.source[this.position] !== ')') this.fail('missing ")"');
      this.position += 1;
      if (alternatives.some((alternative) => alternative.length === 0)) this.fail('empty alternative');
      return { kind: 'group', alternatives, optional: this.readOptional() };
    }
    if (char === '~') {
      const digits = /^~(\d+)/.exec(this.source.slice(this.position));
      if (!digits) this.fail('"~" needs a number of words, e.g. ~3');
      this.position += digits[0].length;
      return { kind: 'gap', max: Number(digits[1]) };
    }
    if (this.source.startsWith('re:', this.position)) {
      const end = this.endOfRegexWord(this.position + 3);
      const regexSource = this.source.slice(this.position + 3, end);
      this.position = end;
      try {
        new RegExp(regexSource);
      } catch {
        this.fail(`bad regular expression "${regexSource}"`);
      }
      return { kind: 'regex', source: regexSource, optional: false };
    }
    const raw = /^[^\s()|?]+/.exec(this.source.slice(this.position))?.[0];
    if (!raw) this.fail(`unexpected "${char}"`);
    this.position += raw.length;
    const optional = this.readOptional();
    if (raw === '#') return { kind: 'number', optional };
    if (raw.endsWith('*')) {
      const prefix = raw.slice(0, -1).toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
      if (!/^[\p{L}\p{N}]+$/u.test(prefix)) this.fail(`bad prefix "${raw}"`);
      return { kind: 'prefix', prefix, optional };
    }
    const words = this.normaliseWord(raw);
    if (words.length === 0) this.fail(`"${raw}" is not a word`);
    return { kind: 'words', words, optional };
  }

  private readOptional(): boolean {
    if (this.source[this.position] !== '?') return false;
    this.position += 1;
    return true;
  }

  // A "re:" word ends at a space, or at a "|" or ")" of the pattern (outside its own brackets).
  private endOfRegexWord(from: number): number {
    let depth = 0;
    let inClass = false;
    for (let index = from; index < this.source.length; index += 1) {
      const char = this.source[index]!;
      if (char === '\\') index += 1;
      else if (inClass) inClass = char !== ']';
      else if (char === '[') inClass = true;
      else if (char === '(') depth += 1;
      else if (char === ')' && depth > 0) depth -= 1;
      else if (/\s/.test(char) || ((char === '|' || char === ')') && depth === 0)) return index;
    }
    return this.source.length;
  }

  private skipSpaces(): void {
    while (this.source[this.position] === ' ') this.position += 1;
  }

  private fail(message: string): never {
    throw new Error(`pattern "${this.source}": ${message} at ${this.position}`);
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function nodeToRegex(node: Node): string {
  let regex: string;
  switch (node.kind) {
    case 'words':
      regex = node.words.map((word) => ` ${escapeRegex(word)}`).join('');
      break;
    case 'prefix':
      regex = ` ${escapeRegex(node.prefix)}${ANY_WORD}*`;
      break;
    case 'number':
      regex = ` [0-9]${ANY_WORD}*`;
      break;
    case 'regex':
      regex = ` (?:${node.source})(?= )`;
      break;
    case 'gap':
      return `(?: ${ANY_WORD}+){0,${node.max}}`;
    case 'group':
      regex = `(?:${node.alternatives.map(sequenceToRegex).join('|')})`;
      break;
  }
  return node.optional ? `(?:${regex})?` : regex;
}

function sequenceToRegex(nodes: Node[]): string {
  return nodes.map(nodeToRegex).join('');
}

function collectLiterals(nodes: Node[], out: string[]): void {
  for (const node of nodes) {
    if (node.kind === 'words') out.push(...node.words);
    if (node.kind === 'group') node.alternatives.forEach((alternative) => collectLiterals(alternative, out));
  }
}

// The cheapest set of words one of which must occur: few, long words beat many short ones.
function sequenceAnchors(nodes: Node[]): Anchors | null {
  let best: Anchors | null = null;
  for (const node of nodes) {
    const anchors = nodeAnchors(node);
    if (anchors && (!best || anchorCost(anchors) < anchorCost(best))) best = anchors;
  }
  return best;
}

function nodeAnchors(node: Node): Anchors | null {
  if (node.kind === 'gap' || node.optional) return null;
  switch (node.kind) {
    case 'words':
      return { words: [node.words.reduce((a, b) => (b.length > a.length ? b : a))], prefixes: [] };
    case 'prefix':
      return { words: [], prefixes: [node.prefix] };
    case 'number':
    case 'regex':
      return null;
    case 'group': {
      const union: Anchors = { words: [], prefixes: [] };
      for (const alternative of node.alternatives) {
        const anchors = sequenceAnchors(alternative);
        if (!anchors) return null;
        union.words.push(...anchors.words);
        union.prefixes.push(...anchors.prefixes);
      }
      return union;
    }
  }
}

// Function words are in nearly every message, so they make poor anchors.
const COMMON_WORDS = new Set(
  ('a an the and or but is are was were be been am i me my we us our you your he him his she her they them their it ' +
    'to of in on at for with from by this that there not no has have had do did can will would just so if ' +
    'y yr yn mae ar fy ei o a i ni chi nhw fe hi wedi ddim dim gyda am')
    .split(' '),
);

function wordCost(word: string): number {
  if (COMMON_WORDS.has(word)) return 5;
  return word.length <= 2 ? 1 : 1 / (word.length - 1);
}

function anchorCost(anchors: Anchors): number {
  return (
    anchors.words.reduce((sum, word) => sum + wordCost(word), 0) +
    anchors.prefixes.reduce((sum, prefix) => sum + 2 * wordCost(prefix), 0)
  );
}
