import { z } from 'zod';
import { LANGUAGES, RISK_LEVELS } from '../../shared/constants';
import { TRIAGE_CATEGORIES } from './categories';

/*
 * The shape of the triage rules. Everything a force may want to change — phrases, weights,
 * negation cues, time markers, language markers, reference formats — is data in rules/*.json,
 * validated here once at load. Keys starting with "_" are free-text notes for the editor and are
 * ignored.
 *
 * Pattern syntax (compiled by pattern.ts), matched against normalised text: lower case, accents
 * stripped, contractions expanded ("he'll" → "he will"), punctuation turned into clause breaks.
 *   word      a whole word                 stab*     a word starting with "stab"
 *   (a|b c)   one of the alternatives     word?     optional word (also "(a|b)?")
 *   ~3        up to three other words (never across a clause break)
 *   #         a number ("6", "10mins")     re:[mab][0-9]+   one word matching a regular expression
 */

const patternSchema = z.string().trim().min(1);
const patternsSchema = z.array(patternSchema).min(1);
const categoryWeightsSchema = z.partialRecord(z.enum(TRIAGE_CATEGORIES), z.number());

export const signalSchema = z.object({
  id: z.string().min(1),
  /** Shown to agents before the quoted phrase, e.g. `threat to life: "says he'll kill me"`. */
  label: z.string().min(1),
  patterns: patternsSchema,
  /** A hit is ignored where one of these matches over the same words ("knife crime", "tân gwyllt"). */
  excludes: z.array(patternSchema).default([]),
  emergency: z.number().min(0).default(0),
  priority: z.number().min(0).default(0),
  categories: categoryWeightsSchema.default({}),
  /** Names used by combos, e.g. "partner", "violence". */
  tags: z.array(z.string().min(1)).default([]),
  /** Whether a negation cue just before the phrase ("nobody is hurt") cancels it. */
  negatable: z.boolean().default(true),
  /** Ids of `lower` modifiers that take this signal's emergency weight away ("last week"). */
  loweredBy: z.array(z.string().min(1)).default(['past', 'habitual']),
  /**
   * Where that weight goes: an assault last week still needs attention soon (priority); a
   * break-in attempt last night does not (routine: the weight is dropped).
   */
  whenLowered: z.enum(['priority', 'routine']).default('priority'),
});
export type SignalRule = z.infer<typeof signalSchema>;

export const modifierSchema = z.object({
  /** Modifiers sharing an id act as one (the English and Welsh "past" markers, say). */
  id: z.string().min(1),
  label: z.string().min(1),
  /**
   * present: the events are happening now (cancels `lower` modifiers that yield to it);
   * lower:   moves the emergency weight of signals naming this id in `loweredBy` to priority;
   * cap:     the risk can be at most `capRisk`.
   */
  kind: z.enum(['present', 'lower', 'cap']),
  patterns: patternsSchema,
  capRisk: z.enum(RISK_LEVELS).optional(),
  /** Whether a `present` modifier cancels this one; defaults to true for lower, false for cap. */
  yieldsToPresent: z.boolean().optional(),
  /**
   * message (default): the modifier speaks for the whole message (a present cue anywhere cancels it).
   * clause:  a `lower` modifier also holds for a signal in its own clause unless a `present` cue
   *          stands in that signal's sentence ("tried to break in last night. right now I just
   *          want a crime number" stays a past attempt).
   */
  scope: z.enum(['message', 'clause']).optional(),
  /** Added to the emergency score by a present modifier, when an emergency signal already counts. */
  emergencyBoost: z.number().min(0).default(0),
  categories: categoryWeightsSchema.default({}),
});
export type ModifierRule = z.infer<typeof modifierSchema>;

export const comboSchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  /** Signal ids or tags that must all have counted. */
  allOf: z.array(z.string().min(1)).min(2),
  priority: z.number().min(0).default(0),
  categories: categoryWeightsSchema.default({}),
});
export type ComboRule = z.infer<typeof comboSchema>;

/**
 * One kind of harm in the compositional emergency check ("weapon", "violence", "fire"). Its
 * patterns are evidence of harm; with an immediacy cue in the same sentence they make an
 * emergency, shown as `${label} happening now: "…"`.
 */
export const harmKindSchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  patterns: patternsSchema,
  excludes: z.array(patternSchema).default([]),
  /** Whether a negation cue just before the phrase ("nobody is bleeding") cancels it. */
  negatable: z.boolean().default(true),
  /** Whether the phrase needs an immediacy cue; false when its own tense says now ("my toddler has gone"). */
  needsImmediacy: z.boolean().default(true),
  /** Added to category scores when this kind makes the emergency. */
  categories: categoryWeightsSchema.default({}),
});
export type HarmKindRule = z.infer<typeof harmKindSchema>;

/**
 * Harm evidence + an immediacy cue ("now", "is …ing", "help", "at my door") in one sentence, not
 * negated and not lowered by a past cue in its clause, is an emergency: a phrase list cannot keep
 * up with every way of saying "he is hitting her", but the parts of it can be listed.
 */
export const harmSchema = z.object({
  emergency: z.number().min(0).default(1),
  /** `lower` modifier ids that take the weight away ("last week", "every night"). */
  loweredBy: z.array(z.string().min(1)).default(['past', 'habitual']),
  kinds: z.array(harmKindSchema).default([]),
  immediacy: z.array(patternSchema).default([]),
  /** An immediacy cue is ignored where one of these covers it ("is going to"). */
  immediacyExcludes: z.array(patternSchema).default([]),
});
export type HarmRules = z.infer<typeof harmSchema>;

export const languagePackSchema = z.object({
  language: z.enum(LANGUAGES),
  /** `always`: its signals apply to every message (people mix languages); `detected`: only when detected. */
  applyWhen: z.enum(['always', 'detected']),
  detection: z.object({
    /** Words frequent in this language and rare in the others. */
    words: z.array(z.string().min(1)),
    wordWeight: z.number().positive().default(1),
    prefixes: z.array(z.string().min(1)).default([]),
    suffixes: z.array(z.string().min(1)).default([]),
    affixWeight: z.number().min(0).default(0.5),
    /** Letters found only in this language, counted in the raw text. */
    letters: z.string().default(''),
    letterWeight: z.number().min(0).default(1),
    /** A `detected` pack also applies to a message in another language scoring at least this. */
    activateAt: z.number().min(0).default(1),
  }),
  normalisation: z.object({
    /** Whole-word replacements: misspellings, text speak, contractions without apostrophes. */
    spellings: z.record(z.string(), z.string()).default({}),
    /** Contraction endings, in order: ["n't", "not"] turns "isn't" into "is not". */
    apostropheSuffixes: z.array(z.tuple([z.string().min(2), z.string()])).default([]),
    /** Long, distinctive words worth correcting at edit distance 1 ("stabed" → "stabbed"). */
    fuzzyKeywords: z.array(z.string().min(1)).default([]),
    /** Real words one edit away from a fuzzy keyword, never corrected ("sitting" is not "hitting"). */
    fuzzyIgnore: z.array(z.string().min(1)).default([]),
    /** Words that are spelt right, so are never corrected. */
    knownWords: z.array(z.string().min(1)).default([]),
  }),
  negation: z.object({
    cues: z.array(patternSchema).default([]),
    /** Look like negation but are not ("not sure", "no idea"). */
    pseudoCues: z.array(patternSchema).default([]),
    /** Words that end a negation's reach, like punctuation does ("but"). */
    clauseBreaks: z.array(z.string().min(1)).default([]),
  }),
  modifiers: z.array(modifierSchema).default([]),
  signals: z.array(signalSchema).default([]),
  combos: z.array(comboSchema).default([]),
  harm: harmSchema.optional(),
});
export type LanguagePack = z.infer<typeof languagePackSchema>;
export type LanguagePackInput = z.input<typeof languagePackSchema>;

export const referencePatternSchema = z.object({
  name: z.string().min(1),
  /** A JavaScript regular expression, matched against the original text. */
  pattern: z.string().min(1),
  flags: z.string().regex(/^[imsu]*$/, 'flags may use i, m, s, u (g is always added)').default('i'),
  /** Which capture group holds the reference; 0 is the whole match. */
  group: z.number().int().min(0).default(0),
});
export type ReferencePattern = z.infer<typeof referencePatternSchema>;

export const settingsSchema = z.object({
  thresholds: z.object({
    emergency: z.number().positive(),
    priority: z.number().positive(),
    /** A category needs at least this much evidence, else `defaultCategory`. */
    category: z.number().min(0),
  }),
  /** The risk a message in this category has at least (missing person: priority). */
  baselineRisk: z.record(z.enum(TRIAGE_CATEGORIES), z.enum(RISK_LEVELS)),
  defaultCategory: z.enum(TRIAGE_CATEGORIES),
  defaultLanguage: z.enum(LANGUAGES),
  /** How many words before a phrase a negation cue reaches. */
  negationScope: z.number().int().min(1).max(10),
  fuzzy: z.object({ enabled: z.boolean(), minWordLength: z.number().int().min(4) }),
  maxReasons: z.number().int().min(1),
  references: z.object({
    /** Our own reference numbers, `SMD-YYYY-NNNNNN`, add this to the update-request category. */
    updateRequestWeight: z.number().min(0),
    force: z.array(referencePatternSchema),
  }),
});
export type TriageSettings = z.infer<typeof settingsSchema>;

export const triageRulesSchema = z
  .object({ settings: settingsSchema, packs: z.array(languagePackSchema).min(1) })
  .superRefine((rules, ctx) => {
    const lowerIds = new Set(
      rules.packs.flatMap((pack) => pack.modifiers.filter((m) => m.kind === 'lower').map((m) => m.id)),
    );
    rules.packs.forEach((pack, packIndex) => {
      pack.signals.forEach((signal, signalIndex) => {
        for (const id of signal.loweredBy) {
          if (!lowerIds.has(id)) {
            ctx.addIssue({
              code: 'custom',
              path: ['packs', packIndex, 'signals', signalIndex, 'loweredBy'],
              message: `no "lower" modifier has the id "${id}"`,
            });
          }
        }
      });
      for (const id of pack.harm?.loweredBy ?? []) {
        if (!lowerIds.has(id)) {
          ctx.addIssue({ code: 'custom', path: ['packs', packIndex, 'harm', 'loweredBy'], message: `no "lower" modifier has the id "${id}"` });
        }
      }
      pack.modifiers.forEach((modifier, modifierIndex) => {
        if (modifier.kind === 'cap' && !modifier.capRisk) {
          ctx.addIssue({
            code: 'custom',
            path: ['packs', packIndex, 'modifiers', modifierIndex, 'capRisk'],
            message: 'a cap modifier needs capRisk',
          });
        }
      });
    });
    rules.settings.references.force.forEach((reference, index) => {
      try {
        new RegExp(reference.pattern, reference.flags);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          path: ['settings', 'references', 'force', index, 'pattern'],
          message: `not a valid regular expression: ${(error as Error).message}`,
        });
      }
    });
  });
/** Rules as written in the JSON files (defaults not yet filled in). */
export type TriageRulesInput = z.input<typeof triageRulesSchema>;
/** Rules after validation. */
export type TriageRules = z.output<typeof triageRulesSchema>;
