import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

// The public pages in English and Welsh. The Welsh wants a check by the force's Welsh language
// officer before going live; the keys are the same in both, so the check is line by line.

const en = {
  common: {
    quickExit: 'Quick exit',
    quickExitHint: 'Leave this site now (or press Escape)',
    language: 'Language',
    switchTo: 'Cymraeg',
    emergencyTitle: 'In an emergency, call 999',
    emergencyBody: 'If someone is in danger or a crime is happening now, call 999. Do not use this page.',
    nonEmergency: 'For other matters you can also call 101.',
    deaf: 'If you are deaf or hard of hearing, text 999 if you have registered with emergencySMS.',
    send: 'Send',
    sending: 'Sending…',
    back: 'Back',
    continue: 'Continue',
    required: 'required',
    optional: 'optional',
    errorSummary: 'There is a problem',
    tryAgain: 'Something went wrong. Please try again.',
    rateLimited: 'Too many attempts. Please wait a few minutes and try again.',
    chatLink: 'Chat to us online',
    reportLink: 'Report something online',
    addLink: 'Add information to a report',
  },
  chat: {
    title: 'Chat to us',
    intro: 'Chat with our contact team. You do not need to sign in. Do not give personal details unless we ask for them.',
    start: 'I understand: start chat',
    messages: 'Conversation',
    you: 'You',
    police: 'Police',
    empty: 'Type your message below to begin.',
    yourMessage: 'Your message',
    referenceIs: 'Your reference number is {{reference}}.',
    referenceLabel: 'Your reference number:',
    referenceHint: 'Quote it if you contact us again about this.',
    waitingForReference: 'Message received. Your reference number will appear here.',
    agentTyping: 'Someone from our team is typing…',
    transcript: 'Download transcript',
    forget: 'End chat on this device',
    forgetConfirm: 'This removes the chat from this device. You will not be able to come back to it here. End the chat?',
    connecting: 'Connecting…',
    offline: 'Reconnecting… your messages will be sent when the connection is back.',
    notSent: 'Not sent. Try again.',
    resend: 'Try again',
    expired: 'This chat can no longer be opened on this device. Start a new chat.',
    transcriptTitle: 'Web chat transcript',
    outOfHours:
      'Our web chat is staffed from {{opens}} to {{closes}} every day. You can still leave a message and we will reply when we are open. If you need help now, call 101, or 999 in an emergency.',
  },
  report: {
    title: 'Report something online',
    stepOf: 'Step {{step}} of {{total}}',
    dangerQuestion: 'Is anyone in danger now?',
    dangerYes: 'Yes',
    dangerNo: 'No',
    dangerCall: 'Call 999 now',
    dangerCallBody: 'If someone is in danger, do not use this form. Call 999 straight away.',
    dangerChoose: 'Choose yes or no',
    whatTitle: 'What happened?',
    typeLabel: 'What kind of thing are you reporting?',
    type_antisocial_behaviour: 'Antisocial behaviour',
    type_theft: 'Theft',
    type_criminal_damage: 'Criminal damage',
    type_road_traffic: 'Road traffic matter',
    type_other: 'Something else',
    typeMissing: 'Choose what kind of thing you are reporting',
    whatLabel: 'Tell us what happened',
    whatMissing: 'Tell us what happened',
    whenWhereTitle: 'When and where?',
    whenLabel: 'When did it happen?',
    whenHint: 'For example, last night about 11pm',
    whenMissing: 'Tell us when it happened',
    whereLabel: 'Where did it happen?',
    whereHint: 'An address, street or landmark',
    whereMissing: 'Tell us where it happened',
    whoTitle: 'Anyone or anything involved?',
    whoLabel: 'Details of any suspect or vehicle',
    whoHint: 'What they looked like, a registration number, which way they went',
    contactTitle: 'How can we contact you?',
    nameLabel: 'Your name',
    preferenceLabel: 'How would you like us to contact you?',
    preference_email: 'By email',
    preference_phone: 'By phone',
    preference_none: 'I do not want to be contacted',
    detailLabel_email: 'Email address',
    detailLabel_phone: 'Phone number',
    detailMissing: 'Tell us how to reach you, or choose not to be contacted',
    checkTitle: 'Check your answers',
    submit: 'Send report',
    sentTitle: 'Report sent',
    referenceLabel: 'Your reference number',
    codeLabel: 'Your code',
    keepThese: 'Keep the reference and the code. You need both to add information to this report later.',
    addMore: 'Add information to this report',
    notGiven: 'Not given',
  },
  add: {
    title: 'Add information to a report',
    intro: 'Enter the reference number and code you were given when you sent your report.',
    referenceLabel: 'Reference number',
    codeLabel: 'Code',
    find: 'Find my report',
    notFound: 'We could not find a report with that reference and code. Check them and try again.',
    conversation: 'Your report and our replies',
    addLabel: 'What do you want to add?',
    added: 'Thank you. We have added this to report {{reference}}.',
  },
};

type Resources = typeof en;

const cy: Resources = {
  common: {
    quickExit: 'Gadael yn gyflym',
    quickExitHint: 'Gadael y wefan hon nawr (neu pwyswch Escape)',
    language: 'Iaith',
    switchTo: 'English',
    emergencyTitle: 'Mewn argyfwng, ffoniwch 999',
    emergencyBody: 'Os oes rhywun mewn perygl neu os oes trosedd yn digwydd nawr, ffoniwch 999. Peidiwch â defnyddio’r dudalen hon.',
    nonEmergency: 'Ar gyfer materion eraill gallwch hefyd ffonio 101.',
    deaf: 'Os ydych chi’n fyddar neu’n drwm eich clyw, anfonwch neges destun i 999 os ydych wedi cofrestru gydag emergencySMS.',
    send: 'Anfon',
    sending: 'Yn anfon…',
    back: 'Yn ôl',
    continue: 'Parhau',
    required: 'gofynnol',
    optional: 'dewisol',
    errorSummary: 'Mae problem',
    tryAgain: 'Aeth rhywbeth o’i le. Rhowch gynnig arall arni.',
    rateLimited: 'Gormod o ymdrechion. Arhoswch ychydig funudau a rhowch gynnig arall arni.',
    chatLink: 'Sgwrsio â ni ar-lein',
    reportLink: 'Rhoi gwybod am rywbeth ar-lein',
    addLink: 'Ychwanegu gwybodaeth at adroddiad',
  },
  chat: {
    title: 'Sgwrsio â ni',
    intro: 'Sgwrsiwch â’n tîm cyswllt. Does dim angen mewngofnodi. Peidiwch â rhoi manylion personol oni bai ein bod yn gofyn amdanynt.',
    start: 'Rwy’n deall: dechrau sgwrs',
    messages: 'Sgwrs',
    you: 'Chi',
    police: 'Heddlu',
    empty: 'Teipiwch eich neges isod i ddechrau.',
    yourMessage: 'Eich neges',
    referenceIs: 'Eich cyfeirnod yw {{reference}}.',
    referenceLabel: 'Eich cyfeirnod:',
    referenceHint: 'Dyfynnwch ef os byddwch yn cysylltu â ni eto am hyn.',
    waitingForReference: 'Neges wedi dod i law. Bydd eich cyfeirnod yn ymddangos yma.',
    agentTyping: 'Mae rhywun o’n tîm yn teipio…',
    transcript: 'Lawrlwytho trawsgrifiad',
    forget: 'Gorffen y sgwrs ar y ddyfais hon',
    forgetConfirm: 'Bydd hyn yn tynnu’r sgwrs oddi ar y ddyfais hon. Ni fyddwch yn gallu dod yn ôl ati yma. Gorffen y sgwrs?',
    connecting: 'Yn cysylltu…',
    offline: 'Yn ailgysylltu… bydd eich negeseuon yn cael eu hanfon pan fydd y cysylltiad yn ôl.',
    notSent: 'Heb ei hanfon. Rhowch gynnig arall arni.',
    resend: 'Rhoi cynnig arall arni',
    expired: 'Ni ellir agor y sgwrs hon ar y ddyfais hon mwyach. Dechreuwch sgwrs newydd.',
    transcriptTitle: 'Trawsgrifiad sgwrs ar y we',
    outOfHours:
      'Mae staff ar ein sgwrs ar y we rhwng {{opens}} a {{closes}} bob dydd. Gallwch adael neges o hyd a byddwn yn ateb pan fyddwn ar agor. Os oes angen help arnoch nawr, ffoniwch 101, neu 999 mewn argyfwng.',
  },
  report: {
    title: 'Rhoi gwybod am rywbeth ar-lein',
    stepOf: 'Cam {{step}} o {{total}}',
    dangerQuestion: 'A oes unrhyw un mewn perygl nawr?',
    dangerYes: 'Oes',
    dangerNo: 'Nac oes',
    dangerCall: 'Ffoniwch 999 nawr',
    dangerCallBody: 'Os oes rhywun mewn perygl, peidiwch â defnyddio’r ffurflen hon. Ffoniwch 999 ar unwaith.',
    dangerChoose: 'Dewiswch oes neu nac oes',
    whatTitle: 'Beth ddigwyddodd?',
    typeLabel: 'Am ba fath o beth ydych chi’n rhoi gwybod?',
    type_antisocial_behaviour: 'Ymddygiad gwrthgymdeithasol',
    type_theft: 'Lladrad',
    type_criminal_damage: 'Difrod troseddol',
    type_road_traffic: 'Mater traffig ffordd',
    type_other: 'Rhywbeth arall',
    typeMissing: 'Dewiswch am ba fath o beth rydych chi’n rhoi gwybod',
    whatLabel: 'Dywedwch wrthym beth ddigwyddodd',
    whatMissing: 'Dywedwch wrthym beth ddigwyddodd',
    whenWhereTitle: 'Pryd a ble?',
    whenLabel: 'Pryd ddigwyddodd hyn?',
    whenHint: 'Er enghraifft, neithiwr tua 11pm',
    whenMissing: 'Dywedwch wrthym pryd ddigwyddodd hyn',
    whereLabel: 'Ble ddigwyddodd hyn?',
    whereHint: 'Cyfeiriad, stryd neu dirnod',
    whereMissing: 'Dywedwch wrthym ble ddigwyddodd hyn',
    whoTitle: 'Unrhyw un neu unrhyw beth yn gysylltiedig?',
    whoLabel: 'Manylion unrhyw un a amheuir neu gerbyd',
    whoHint: 'Sut roedden nhw’n edrych, rhif cofrestru, i ba gyfeiriad aethon nhw',
    contactTitle: 'Sut gallwn ni gysylltu â chi?',
    nameLabel: 'Eich enw',
    preferenceLabel: 'Sut hoffech chi i ni gysylltu â chi?',
    preference_email: 'Drwy e-bost',
    preference_phone: 'Dros y ffôn',
    preference_none: 'Nid wyf eisiau i chi gysylltu â mi',
    detailLabel_email: 'Cyfeiriad e-bost',
    detailLabel_phone: 'Rhif ffôn',
    detailMissing: 'Dywedwch wrthym sut i gysylltu â chi, neu dewiswch beidio â chael cysylltiad',
    checkTitle: 'Gwiriwch eich atebion',
    submit: 'Anfon yr adroddiad',
    sentTitle: 'Adroddiad wedi’i anfon',
    referenceLabel: 'Eich cyfeirnod',
    codeLabel: 'Eich cod',
    keepThese: 'Cadwch y cyfeirnod a’r cod. Bydd angen y ddau arnoch i ychwanegu gwybodaeth at yr adroddiad hwn yn nes ymlaen.',
    addMore: 'Ychwanegu gwybodaeth at yr adroddiad hwn',
    notGiven: 'Heb ei roi',
  },
  add: {
    title: 'Ychwanegu gwybodaeth at adroddiad',
    intro: 'Rhowch y cyfeirnod a’r cod a gawsoch pan anfonoch eich adroddiad.',
    referenceLabel: 'Cyfeirnod',
    codeLabel: 'Cod',
    find: 'Dod o hyd i fy adroddiad',
    notFound: 'Ni allem ddod o hyd i adroddiad gyda’r cyfeirnod a’r cod hynny. Gwiriwch nhw a rhowch gynnig arall arni.',
    conversation: 'Eich adroddiad a’n hatebion',
    addLabel: 'Beth ydych chi eisiau ei ychwanegu?',
    added: 'Diolch. Rydym wedi ychwanegu hyn at adroddiad {{reference}}.',
  },
};

export type ContactLanguage = 'en' | 'cy';
const LANGUAGE_KEY = 'social-desk.contact.language';

/** ?lang=cy wins (the force's Welsh site links with it), then the visitor's last choice, then the browser. */
export function initialLanguage(): ContactLanguage {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (asked === 'cy' || asked === 'en') return asked;
  const remembered = safeStorage()?.getItem(LANGUAGE_KEY);
  if (remembered === 'cy' || remembered === 'en') return remembered;
  return navigator.language.toLowerCase().startsWith('cy') ? 'cy' : 'en';
}

export function rememberLanguage(language: ContactLanguage): void {
  safeStorage()?.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language === 'cy' ? 'cy' : 'en-GB';
}

/** Local storage can be blocked (private modes, third-party frames): the pages still work without it. */
export function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export async function setUpTranslations(language: ContactLanguage) {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, cy: { translation: cy } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
  });
  rememberLanguage(language);
  return i18next;
}
