import { CLAUSE_BREAK, type NormalisedText } from './normalise';

/*
 * Where each word of a message stands: which clause and which sentence. A clause ends at any
 * punctuation or at a clause-break word ("but", "and", "ond"); a sentence ends only at . ! ? ;
 * or a new line. Time cues use this: "someone tried to break into my van last night. right now
 * I just want a crime number" — the "right now" of the second sentence does not make the
 * attempted break-in of the first one current.
 */
export interface Segments {
  /** Clause number of word i. */
  clause: number[];
  /** Sentence number of word i. */
  sentence: number[];
}

const SENTENCE_END = /[.!?;\n]/;

export function segmentWords(normalised: NormalisedText, original: string, clauseBreaks: ReadonlySet<string>): Segments {
  const clause: number[] = [];
  const sentence: number[] = [];
  let clauseNumber = 0;
  let sentenceNumber = 0;
  normalised.words.forEach((word, index) => {
    if (word === CLAUSE_BREAK) {
      clauseNumber += 1;
      const [from, to] = normalised.spans[index]!;
      if (SENTENCE_END.test(original.slice(from, to))) sentenceNumber += 1;
    } else if (clauseBreaks.has(word)) {
      clauseNumber += 1;
    }
    clause.push(clauseNumber);
    sentence.push(sentenceNumber);
  });
  return { clause, sentence };
}
