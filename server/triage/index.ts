export {
  TRIAGE_CATEGORIES,
  SENSITIVE_CATEGORIES,
  isSensitiveCategory,
  type TriageCategory,
  type SensitiveCategory,
  type TriageResult,
} from './categories';
export { createTriage, triageMessage, type Triage } from './classify';
export { loadDefaultRules, extendRules, type RulesExtension } from './rules';
export { triageRulesSchema, type TriageRules, type TriageRulesInput } from './rules.schema';
export {
  renderAcknowledgement,
  DEFAULT_ACKNOWLEDGEMENT_TEMPLATES,
  type AcknowledgementTemplates,
  type AcknowledgementTemplateOverrides,
  type RenderAcknowledgementOptions,
} from './acknowledgement';
