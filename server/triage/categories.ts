import {
  SENSITIVE_CATEGORIES,
  TRIAGE_CATEGORIES,
  type Language,
  type RiskLevel,
  type SensitiveCategory,
  type TriageCategory,
} from '../../shared/constants';

export { SENSITIVE_CATEGORIES, TRIAGE_CATEGORIES, type SensitiveCategory, type TriageCategory };

export function isSensitiveCategory(category: TriageCategory): boolean {
  return (SENSITIVE_CATEGORIES as readonly TriageCategory[]).includes(category);
}

export interface TriageResult {
  risk: RiskLevel;
  category: TriageCategory;
  language: Language;
  /** Short phrases an agent sees: why this risk and category, quoting the message. */
  reasons: string[];
  /** Reference numbers quoted in the message: ours (canonical `SMD-YYYY-NNNNNN`) and the force's. */
  references: string[];
  /** Whether the category is one of SENSITIVE_CATEGORIES (the thread should be restricted). */
  isSensitive: boolean;
}
