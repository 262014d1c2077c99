import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { API_TOKEN_SCOPES } from '../../../shared/api-tokens';
import { BROADCAST_LANGUAGES, BROADCAST_STATUSES, BROADCAST_TEMPLATES, CHANNEL_POST_STATUSES, TEMPLATES } from '../../../shared/broadcasts';
import {
  AGENT_ROLES,
  CHANNEL_TYPES,
  DELIVERY_STATUSES,
  ESCALATION_STATUSES,
  ESCALATION_URGENCIES,
  LANGUAGES,
  RISK_LEVELS,
  ROUTING_MODES,
  THREAD_STATUSES,
  TRIAGE_CATEGORIES,
} from '../../../shared/constants';
import { INCIDENT_STATUSES, WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES } from '../../../shared/integrations';
import { REPORT_BUCKETS, REPORT_DEFINITIONS, REPORT_DIMENSIONS } from '../../../shared/reports';
import { SHORTCUTS } from '../ShortcutHelp';
import { cy } from './cy';
import { en } from './en';
import { pagesCy } from './pages.cy';
import { pagesEn } from './pages.en';

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

const english = flatten({ ...en, ...pagesEn });
const welsh = flatten({ ...cy, ...pagesCy });
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
/** Keys without i18next's plural endings: `alsoOpen_one` and `alsoOpen_few` are both `alsoOpen`. */
const baseKeys = (entries: Map<string, string>) => new Set([...entries.keys()].map((key) => key.replace(PLURAL_SUFFIX, '')));
const pluralBases = (entries: Map<string, string>) => new Set([...entries.keys()].filter((key) => PLURAL_SUFFIX.test(key)).map((key) => key.replace(PLURAL_SUFFIX, '')));
/** The text for a key, or its `other` plural form. */
const textOf = (entries: Map<string, string>, key: string) => entries.get(key) ?? entries.get(`${key}_other`) ?? '';
const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

/** Every screen of the client, in every folder: the desk's pages, and contact/ (the public pages, with their own i18n). */
const CLIENT_DIR = join(import.meta.dirname, '..');
const screenSources = readdirSync(CLIENT_DIR, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.tsx'))
  .map((name) => ({ name, source: readFileSync(join(CLIENT_DIR, name), 'utf8') }));
/** The desk's screens, which ask i18n/index.ts for their words. */
const deskSources = screenSources.filter(({ name }) => name.split(/[\\/]/)[0] !== 'contact');

/** Attributes a person reads (or hears from a screen reader). */
const READ_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'placeholder', 'title', 'alt', 'label']);
const hasWords = (text: string) => /[A-Za-z]{2,}/.test(text);
/** An example reference in a placeholder reads the same in both languages. */
const isReferenceExample = (text: string) => /^[A-Z]{3}-\d{4}-\d+$/.test(text);

/**
 * Words a person reads, written straight into JSX instead of through t(): text between tags, a
 * string a JSX expression shows (`{isActive ? 'Active' : 'Disabled'}`, `{`By ${name}`}`) and
 * attributes read aloud. Text inside <code> is code. Read with the TypeScript parser, so words
 * split across lines or beside an <input> are found too.
 */
export function untranslatedJsxText(source: string): string[] {
  const file = ts.createSourceFile('screen.tsx', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  /** Follows only the branches whose value is shown: not into calls such as t('…') or comparisons. */
  const shown = (expression: ts.Expression): void => {
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
      if (hasWords(expression.text) && !isReferenceExample(expression.text)) found.push(expression.text);
    } else if (ts.isTemplateExpression(expression)) {
      if ([expression.head.text, ...expression.templateSpans.map((span) => span.literal.text)].some(hasWords)) found.push(expression.getText(file));
      for (const span of expression.templateSpans) shown(span.expression);
    } else if (ts.isParenthesizedExpression(expression)) {
      shown(expression.expression);
    } else if (ts.isConditionalExpression(expression)) {
      shown(expression.whenTrue);
      shown(expression.whenFalse);
    } else if (ts.isBinaryExpression(expression)) {
      const operator = expression.operatorToken.kind;
      if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) shown(expression.left);
      if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.AmpersandAmpersandToken) shown(expression.right);
    }
  };
  const isCode = (node: ts.Node) => ts.isJsxElement(node.parent) && node.parent.openingElement.tagName.getText(file) === 'code';
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && hasWords(node.text) && !isCode(node)) found.push(node.text.trim());
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) && !isCode(node)) shown(node.expression);
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(file)) && node.initializer) {
      if (ts.isStringLiteral(node.initializer)) shown(node.initializer);
      else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) shown(node.initializer.expression);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
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

  it('keeps the pages’ words apart from the inbox’s, so neither hides the other when they are merged', () => {
    expect(Object.keys(pagesEn).filter((namespace) => namespace in en)).toEqual([]);
  });

  it('has words for every key the desk’s screens ask for', () => {
    const asked = deskSources.flatMap(({ source }) => [...source.matchAll(/\bt\('([\w.-]+)'/g)].map((match) => match[1]!));
    expect(asked.length).toBeGreaterThan(100);
    const known = baseKeys(english);
    expect([...new Set(asked)].filter((key) => !known.has(key))).toEqual([]);
  });

  it('has words for every channel, risk, status, category, language, delivery state, escalation, shortcut, report figure, broadcast, role, scope and webhook event', () => {
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
      ...REPORT_BUCKETS.flatMap((value) => [`reports.bucket.${value}`, `reports.volumesBy.${value}`]),
      ...REPORT_DIMENSIONS.flatMap((value) => [`reports.dimension.${value}`, `reports.by.${value}`]),
      ...Object.keys(REPORT_DEFINITIONS).map((value) => `reports.definitions.${value}`),
      ...BROADCAST_TEMPLATES.flatMap((value) => [`broadcasts.templates.${value}.label`, ...TEMPLATES[value].fields.map((field) => `broadcasts.templates.${value}.fields.${field.name}`)]),
      ...BROADCAST_STATUSES.map((value) => `broadcasts.status.${value}`),
      ...CHANNEL_POST_STATUSES.map((value) => `broadcasts.channelStatus.${value}`),
      ...BROADCAST_LANGUAGES.map((value) => `broadcasts.composer.languages.${value}`),
      ...ROUTING_MODES.map((value) => `supervision.mode.${value}`),
      ...LANGUAGES.map((value) => `supervision.languageName.${value}`),
      ...AGENT_ROLES.map((value) => `admin.accounts.roles.${value}`),
      ...API_TOKEN_SCOPES.map((value) => `admin.apiTokens.scope.${value.replace(':', '.')}`),
      ...WEBHOOK_EVENT_TYPES.map((value) => `integrations.event.${value}`),
      ...WEBHOOK_DELIVERY_STATUSES.map((value) => `integrations.deliveryStatus.${value}`),
      ...INCIDENT_STATUSES.map((value) => `escalations.incident.${value}`),
    ];
    const [englishKeys, welshKeys] = [baseKeys(english), baseKeys(welsh)];
    expect(needed.filter((key) => !englishKeys.has(key) || !welshKeys.has(key))).toEqual([]);
  });

  it('writes no words straight into any screen (inbox, reports, broadcasts, supervision, admin, integrations…), where they would stay English for a Welsh agent', () => {
    expect(screenSources.map(({ name }) => name)).toEqual(expect.arrayContaining(['InboxPage.tsx', join('reports', 'ReportsPage.tsx'), join('admin', 'AccountsAdmin.tsx'), join('contact', 'ChatPage.tsx')]));
    const untranslated = screenSources.flatMap(({ name, source }) => untranslatedJsxText(source).map((text) => `${name}: ${text}`));
    expect(untranslated).toEqual([]);
  });

  it('spots words written straight into JSX', () => {
    expect(untranslatedJsxText('<button type="button">\n            Try again\n          </button>')).toEqual(['Try again']);
    expect(untranslatedJsxText('<p className="empty-state">No messages in this conversation.</p>')).toEqual(['No messages in this conversation.']);
    expect(untranslatedJsxText('<nav aria-label="Views">')).toEqual(['Views']);
    expect(untranslatedJsxText('<label>\n  Name <input required value={name} />\n</label>')).toEqual(['Name']);
    expect(untranslatedJsxText('<td>{account.active ? \'Active\' : \'Disabled\'}</td>')).toEqual(['Active', 'Disabled']);
    expect(untranslatedJsxText('<h2>{`By ${dimension}`}</h2>')).toEqual(['`By ${dimension}`']);
    expect(untranslatedJsxText('<input aria-label={`Role of ${account.name}`} />')).toEqual(['`Role of ${account.name}`']);
    expect(untranslatedJsxText('<span>{author?.name ?? \'Unknown agent\'}</span>')).toEqual(['Unknown agent']);
  });

  it('lets words through t(), comparisons, code and example references', () => {
    expect(untranslatedJsxText('<h1>{t(\'reports.title\')}</h1>')).toEqual([]);
    expect(untranslatedJsxText('<p>{mode === \'edit\' ? t(\'a\') : t(\'b\')}</p>')).toEqual([]);
    expect(untranslatedJsxText('<p>{t(\'copy\')} <code>Authorization: Bearer …</code></p>')).toEqual([]);
    expect(untranslatedJsxText('<input placeholder="SMD-2026-000123" />')).toEqual([]);
  });
});
