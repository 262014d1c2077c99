import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertCssVariables, defaultCssVariablesResolver, DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { deskTheme } from './theme';

/** What Mantine's provider would inject in a <style> element for the desk's theme (only what differs from its defaults). */
function themeVariablesCss(): string {
  const desk = defaultCssVariablesResolver(mergeMantineTheme(DEFAULT_THEME, deskTheme));
  const defaults = defaultCssVariablesResolver(DEFAULT_THEME);
  const changed = (ours: Record<string, string>, theirs: Record<string, string>) =>
    Object.fromEntries(Object.entries(ours).filter(([name, value]) => theirs[name] !== value));
  return convertCssVariables(
    { variables: changed(desk.variables, defaults.variables), light: changed(desk.light, defaults.light), dark: changed(desk.dark, defaults.dark) },
    ':root',
  );
}

describe('the desk theme under a strict Content-Security-Policy', () => {
  it('ships as a stylesheet the same as the variables Mantine derives from theme.ts', () => {
    const shipped = readFileSync(join(import.meta.dirname, 'theme.css'), 'utf8').replace(/\/\*[\s\S]*?\*\/\s*/g, '').trim();
    // On a mismatch, theme.css should become the "expected" text below (after its comment).
    expect(shipped).toBe(themeVariablesCss().trim());
  });
});
