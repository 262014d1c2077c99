import { readFileSync } from 'node:fs';
import { createTriage, type Triage } from './classify';
import { extendRules, loadDefaultRules, type RulesExtension } from './rules';

/** The built-in rules, extended by the force's own file when configured; validated at start. */
export function createTriageFromSettings(settings: { rulesExtensionFile: string | null }): Triage {
  const rules = loadDefaultRules();
  if (!settings.rulesExtensionFile) return createTriage(rules);
  const extension = JSON.parse(readFileSync(settings.rulesExtensionFile, 'utf8')) as RulesExtension;
  try {
    return createTriage(extendRules(rules, extension));
  } catch (error) {
    throw new Error(`TRIAGE_RULES_EXTENSION_FILE ${settings.rulesExtensionFile} is not valid: ${(error as Error).message}`);
  }
}
