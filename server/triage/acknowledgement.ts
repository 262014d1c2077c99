import type { Language } from '../../shared/constants';

/*
 * The automatic reply sent when a message arrives: a reference number, when to expect an answer,
 * and that the desk is not for emergencies. The emergency version puts "call 999" first.
 * UK emergency access for deaf, hard of hearing and speech-impaired people: emergencySMS (text
 * 999, after registering), Relay UK textphone 18000 for 999 and 18001 101 for 101. Silent
 * Solution: a 999 call from a mobile where the caller cannot speak is put through to the police
 * when they press 55.
 * Placeholder: {{reference}}. Forces override any text through `templates`.
 */

export interface AcknowledgementTexts {
  standard: string;
  emergency: string;
}
export type AcknowledgementTemplates = Record<Language, AcknowledgementTexts>;
export type AcknowledgementTemplateOverrides = Partial<Record<Language, Partial<AcknowledgementTexts>>>;

export const DEFAULT_ACKNOWLEDGEMENT_TEMPLATES: AcknowledgementTemplates = {
  en: {
    standard: [
      'Thank you for your message. Your reference number is {{reference}}. Please quote it if you contact us again about this.',
      'Our social media desk is monitored 24 hours a day, 7 days a week, and we aim to reply within 24 hours.',
      'This service is not for emergencies. If a crime is happening now or someone is in danger, call 999. For non-emergencies, call 101.',
      'If you are deaf, hard of hearing or speech-impaired: in an emergency, text 999 if you have registered with emergencySMS, or use textphone 18000. For non-emergencies, use textphone 18001 101.',
    ].join('\n\n'),
    emergency: [
      'If you are in danger now, call 999. If you cannot speak, call 999 from a mobile, listen to the operator and press 55 when asked, so they know you need the police.',
      'If you are deaf, hard of hearing or speech-impaired, text 999 if you have registered with emergencySMS, or use textphone 18000.',
      'We have received your message and a member of our team is looking at it now. Your reference number is {{reference}}.',
      'Please do not wait for our reply if you need help now: call 999.',
    ].join('\n\n'),
  },
  cy: {
    standard: [
      "Diolch am eich neges. Eich cyfeirnod yw {{reference}}. Dyfynnwch y cyfeirnod hwn os byddwch yn cysylltu â ni eto am y mater hwn.",
      "Mae ein desg cyfryngau cymdeithasol yn cael ei monitro 24 awr y dydd, 7 diwrnod yr wythnos, ac rydym yn anelu at ateb o fewn 24 awr.",
      "Nid yw'r gwasanaeth hwn ar gyfer argyfyngau. Os oes trosedd yn digwydd nawr neu os yw rhywun mewn perygl, ffoniwch 999. Os nad yw'n argyfwng, ffoniwch 101.",
      "Os ydych chi'n fyddar, yn drwm eich clyw neu â nam ar eich lleferydd: mewn argyfwng, anfonwch neges destun i 999 os ydych chi wedi cofrestru gydag emergencySMS, neu ddefnyddiwch ffôn testun 18000. Os nad yw'n argyfwng, defnyddiwch ffôn testun 18001 101.",
    ].join('\n\n'),
    emergency: [
      "Os ydych chi mewn perygl nawr, ffoniwch 999. Os na allwch chi siarad, ffoniwch 999 o ffôn symudol, gwrandewch ar y gweithredwr a gwasgwch 55 pan ofynnir i chi, er mwyn iddyn nhw wybod bod angen yr heddlu arnoch chi.",
      "Os ydych chi'n fyddar, yn drwm eich clyw neu â nam ar eich lleferydd, anfonwch neges destun i 999 os ydych chi wedi cofrestru gydag emergencySMS, neu ddefnyddiwch ffôn testun 18000.",
      "Rydym wedi derbyn eich neges ac mae aelod o'n tîm yn edrych arni nawr. Eich cyfeirnod yw {{reference}}.",
      "Peidiwch ag aros am ein hateb os oes angen help arnoch chi nawr: ffoniwch 999.",
    ].join('\n\n'),
  },
};

export interface RenderAcknowledgementOptions {
  language: Language;
  isEmergency: boolean;
  reference: string;
  /** Replacement texts, e.g. from the force's configuration; anything not given uses the default. */
  templates?: AcknowledgementTemplateOverrides;
}

const REFERENCE_PLACEHOLDER = /\{\{\s*reference\s*\}\}/g;

export function renderAcknowledgement({ language, isEmergency, reference, templates }: RenderAcknowledgementOptions): string {
  const kind: keyof AcknowledgementTexts = isEmergency ? 'emergency' : 'standard';
  const template = templates?.[language]?.[kind] ?? DEFAULT_ACKNOWLEDGEMENT_TEMPLATES[language][kind];
  return template.replace(REFERENCE_PLACEHOLDER, reference);
}
