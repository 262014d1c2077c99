import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { renderAcknowledgement, type AcknowledgementTemplateOverrides } from '../triage/acknowledgement';
import type { AcknowledgementPolicy } from '../ingest/ingest-inbound';

const textsSchema = z.object({ standard: z.string().min(1), emergency: z.string().min(1) }).partial().strict();
const templatesFileSchema = z.object({ en: textsSchema, cy: textsSchema }).partial().strict();

export interface AcknowledgementSettings {
  isEnabled: boolean;
  periodMinutes: number;
  templatesFile: string | null;
}

/** The desk's automatic acknowledgement (null when switched off): the force's texts where it gave them, ours otherwise. */
export function createAcknowledgementPolicy(settings: AcknowledgementSettings): AcknowledgementPolicy | null {
  if (!settings.isEnabled) return null;
  const templates = settings.templatesFile ? readTemplates(settings.templatesFile) : undefined;
  return {
    periodMs: settings.periodMinutes * 60_000,
    render: (kind, language, reference) => renderAcknowledgement({ language, isEmergency: kind === 'emergency', reference, templates }),
  };
}

function readTemplates(file: string): AcknowledgementTemplateOverrides {
  const parsed = templatesFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`ACKNOWLEDGEMENT_TEMPLATES_FILE ${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return parsed.data;
}
