import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_TYPES, DELIVERY_STATUSES, ESCALATION_STATUSES, ESCALATION_URGENCIES, LANGUAGES, RISK_LEVELS, THREAD_STATUSES, TRIAGE_CATEGORIES } from '../../../shared/constants';
import { SHORTCUTS } from '../ShortcutHelp';
import { cy } from './cy';
import { en } from './en';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [inner, text] of flatten(value, path)) entries.set(inner, text);
  }
  return entries;
}

const english = flatten(en);
const welsh = flatten(cy);
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
/** Keys without i18next's plural endings: `alsoOpen_one` and `alsoOpen_few` are both `alsoOpen`. */
const baseKeys = (entries: Map<string, string>) => new Set([...entries.keys()].map((key) => key.replace(PLURAL_SUFFIX, '')));
const pluralBases = (entries: Map<string, string>) => new Set([...entries.keys()].filter((key) => PLURAL_SUFFIX.test(key)).map((key) => key.replace(PLURAL_SUFFIX, '')));
/** The text for a key, or its `other` plural form. */
const textOf = (entries: Map<string, string>, key: string) => entries.get(key) ?? entries.get(`${key}_other`) ?? '';
const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

/** The inbox's own screens: every .tsx beside the inbox page (broadcasts/, reports/ and contact/ are other pages). */
const INBOX_DIR = join(import.meta.dirname, '..');
const inboxSources = readdirSync(INBOX_DIR)
  .filter((name) => name.endsWith('.tsx'))
  .map((name) => ({ name, source: readFileSync(join(INBOX_DIR, name), 'utf8') }));

/** Words a person reads, written straight into JSX instead of through t(). */
export function untranslatedJsxText(source: string): string[] {
  const found: string[] = [];
  for (const line of source.split('\n')) {
    const inline = /<[a-z][^<>]*>([^<>{}]*[A-Za-z]{3,}[^<>{}]*)<\//.exec(line);
    if (inline) found.push(inline[1]!.trim());
    const attribute = /\b(aria-label|placeholder|title|alt)="([^"]*[A-Za-z]{3,}[^"]*)"/.exec(line);
    if (attribute && !/^[A-Z]{3}-\d{4}-\d+$/.test(attribute[2]!)) found.push(attribute[2]!);
    // a line of bare words between JSX lines, e.g. "            Try again"
    if (/^\s+[A-Za-z][A-Za-z’' ,.…]*[a-z…]$/.test(line) && !/^\s+(required|autoFocus|disabled|readOnly|multiple|open)$/.test(line)) found.push(line.trim());
  }
  return found;
}

describe('the desk in English and Welsh', () => {
  it('has a Welsh translation for every English string, and no Welsh string English lacks', () => {
    const englishKeys = baseKeys(english);
    const welshKeys = baseKeys(welsh);
    expect([...welshKeys].filter((key) => !englishKeys.has(key))).toEqual([]);
    expect([...englishKeys].filter((key) => !welshKeys.has(key))).toEqual([]);
  });

  it('gives every counted string all the plural forms each language uses', () => {
    for (const [language, entries] of [['en', english], ['cy', welsh]] as const) {
      const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const missing = [...pluralBases(entries)].flatMap((base) => forms.filter((form) => !entries.has(`${base}_${form}`)).map((form) => `${language} ${base}_${form}`));
      expect(missing).toEqual([]);
    }
  });

  it('leaves no Welsh string empty', () => {
    expect([...welsh].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it('keeps the same variables ({{name}}, {{reference}}…) in both languages', () => {
    const mismatched = [...welsh].filter(([key, text]) => variables(text).join() !== variables(textOf(english, key.replace(PLURAL_SUFFIX, ''))).join());
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('has words for every key the inbox screens ask for', () => {
    const asked = inboxSources.flatMap(({ source }) => [...source.matchAll(/\bt\('([\w.-]+)'/g)].map((match) => match[1]!));
    expect(asked.length).toBeGreaterThan(100);
    const known = baseKeys(english);
    expect([...new Set(asked)].filter((key) => !known.has(key))).toEqual([]);
  });

  it('has words for every channel, risk, status, category, language, delivery state, escalation and shortcut', () => {
    const needed = [
      ...CHANNEL_TYPES.map((value) => `channel.${value}`),
      ...RISK_LEVELS.map((value) => `risk.${value}`),
      ...THREAD_STATUSES.map((value) => `status.${value}`),
      ...TRIAGE_CATEGORIES.map((value) => `category.${value}`),
      ...LANGUAGES.map((value) => `language.${value}`),
      ...DELIVERY_STATUSES.filter((value) => value !== 'failed').map((value) => `delivery.${value}`),
      ...ESCALATION_URGENCIES.map((value) => `escalation.${value}`),
      ...ESCALATION_STATUSES.map((value) => `escalation.${value}`),
      ...(['connecting', 'connected', 'reconnecting', 'refused'] as const).map((value) => `inbox.${value}`),
      ...SHORTCUTS.map(([, does]) => `shortcuts.${does}`),
    ];
    const [englishKeys, welshKeys] = [baseKeys(english), baseKeys(welsh)];
    expect(needed.filter((key) => !englishKeys.has(key) || !welshKeys.has(key))).toEqual([]);
  });

  it('writes no words straight into the inbox screens, where they would stay English for a Welsh agent', () => {
    const untranslated = inboxSources.flatMap(({ name, source }) => untranslatedJsxText(source).map((text) => `${name}: ${text}`));
    expect(untranslated).toEqual([]);
  });

  it('spots words written straight into JSX', () => {
    expect(untranslatedJsxText('<button type="button">\n            Try again\n          </button>')).toEqual(['Try again']);
    expect(untranslatedJsxText('<p className="empty-state">No messages in this conversation.</p>')).toEqual(['No messages in this conversation.']);
    expect(untranslatedJsxText('<nav aria-label="Views">')).toEqual(['Views']);
  });
});
