import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONTACT_PREFERENCES,
  REPORT_TYPES,
  type ContactPreference,
  type ReportReceipt,
  type ReportType,
} from '../../../shared/public-contact';
import { goWithoutHistory } from './quickExit';
import { Choice, TextField } from './FormFields';
import { PublicApiError, submitReport } from './publicApi';

interface Answers {
  isAnyoneInDanger: 'yes' | 'no' | null;
  type: ReportType | null;
  whatHappened: string;
  when: string;
  where: string;
  suspectOrVehicle: string;
  name: string;
  contactPreference: ContactPreference | null;
  contactDetail: string;
}

const EMPTY: Answers = {
  isAnyoneInDanger: null,
  type: null,
  whatHappened: '',
  when: '',
  where: '',
  suspectOrVehicle: '',
  name: '',
  contactPreference: null,
  contactDetail: '',
};

const STEPS = ['danger', 'what', 'whenWhere', 'who', 'contact', 'check'] as const;
type Step = (typeof STEPS)[number];
type Problem = { field: string; message: string };

/** Problems with the answers on one step, as translation keys; none means the visitor can go on. */
function problemsOn(step: Step, answers: Answers): Problem[] {
  const problems: Problem[] = [];
  if (step === 'danger' && !answers.isAnyoneInDanger) problems.push({ field: 'danger-no', message: 'report.dangerChoose' });
  if (step === 'what') {
    if (!answers.type) problems.push({ field: `type-${REPORT_TYPES[0]}`, message: 'report.typeMissing' });
    if (!answers.whatHappened.trim()) problems.push({ field: 'what', message: 'report.whatMissing' });
  }
  if (step === 'whenWhere') {
    if (!answers.when.trim()) problems.push({ field: 'when', message: 'report.whenMissing' });
    if (!answers.where.trim()) problems.push({ field: 'where', message: 'report.whereMissing' });
  }
  if (step === 'contact') {
    const needsDetail = answers.contactPreference !== 'none';
    if (!answers.contactPreference || (needsDetail && !answers.contactDetail.trim())) {
      problems.push({ field: answers.contactPreference ? 'contact-detail' : 'preference-email', message: 'report.detailMissing' });
    }
  }
  return problems;
}

/** The online report: a few short steps, "is anyone in danger now?" first. */
export function ReportPage() {
  const { t, i18n } = useTranslation();
  const [answers, setAnswers] = useState<Answers>(EMPTY);
  const [stepIndex, setStepIndex] = useState(0);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [isSending, setIsSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<ReportReceipt | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const hasMoved = useRef(false);
  const step = STEPS[stepIndex]!;

  useEffect(() => {
    // A new step is a new "page": move focus to its heading so screen readers announce it.
    if (hasMoved.current) headingRef.current?.focus();
    hasMoved.current = true;
  }, [stepIndex, receipt]);

  const update = <Key extends keyof Answers>(key: Key, value: Answers[Key]) => setAnswers((current) => ({ ...current, [key]: value }));

  async function next(event: FormEvent) {
    event.preventDefault();
    const found = problemsOn(step, answers);
    setProblems(found);
    if (found.length > 0) return;
    if (step === 'danger' && answers.isAnyoneInDanger === 'yes') return; // the call-999 panel is showing
    if (step !== 'check') {
      setStepIndex(stepIndex + 1);
      return;
    }
    setIsSending(true);
    setSendError(null);
    try {
      setReceipt(
        await submitReport({
          type: answers.type!,
          whatHappened: answers.whatHappened,
          when: answers.when,
          where: answers.where,
          suspectOrVehicle: answers.suspectOrVehicle,
          name: answers.name,
          contactPreference: answers.contactPreference!,
          contactDetail: answers.contactPreference === 'none' ? '' : answers.contactDetail,
          language: i18n.language === 'cy' ? 'cy' : 'en',
        }),
      );
    } catch (error) {
      setSendError(error instanceof PublicApiError && error.code === 'rate_limited' ? t('common.rateLimited') : t('common.tryAgain'));
    } finally {
      setIsSending(false);
    }
  }

  if (receipt) {
    return (
      <section className="report-receipt" aria-labelledby="receipt-title" data-testid="report-receipt">
        <h2 id="receipt-title" tabIndex={-1} ref={headingRef}>
          {t('report.sentTitle')}
        </h2>
        <dl className="receipt">
          <dt>{t('report.referenceLabel')}</dt>
          <dd data-testid="report-reference">{receipt.reference}</dd>
          <dt>{t('report.codeLabel')}</dt>
          <dd data-testid="report-code">{receipt.code}</dd>
        </dl>
        <p>{t('report.keepThese')}</p>
        <a href="/contact/report/add" onClick={(event) => (event.preventDefault(), goWithoutHistory('/contact/report/add'))}>
          {t('report.addMore')}
        </a>
      </section>
    );
  }

  return (
    <form className="report" onSubmit={(event) => void next(event)} noValidate data-testid="report-form" data-step={step}>
      <p className="step-count">{t('report.stepOf', { step: stepIndex + 1, total: STEPS.length })}</p>
      {problems.length > 0 && (
        <div className="error-summary" role="alert" data-testid="report-problems">
          <h2>{t('common.errorSummary')}</h2>
          <ul>
            {problems.map((problem) => (
              <li key={problem.message}>
                <a href={`#${problem.field}`}>{t(problem.message)}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <StepFields step={step} answers={answers} update={update} problems={problems} headingRef={headingRef} />
      {sendError && (
        <p className="form-error" role="alert">
          {sendError}
        </p>
      )}
      <div className="report-buttons">
        {stepIndex > 0 && (
          <button type="button" className="public-button" onClick={() => (setProblems([]), setStepIndex(stepIndex - 1))}>
            {t('common.back')}
          </button>
        )}
        {!(step === 'danger' && answers.isAnyoneInDanger === 'yes') && (
          <button type="submit" className="public-button primary" data-testid="report-next" disabled={isSending}>
            {step === 'check' ? (isSending ? t('common.sending') : t('report.submit')) : t('common.continue')}
          </button>
        )}
      </div>
    </form>
  );
}

interface StepFieldsProps {
  step: Step;
  answers: Answers;
  update: <Key extends keyof Answers>(key: Key, value: Answers[Key]) => void;
  problems: Problem[];
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}

function StepFields({ step, answers, update, problems, headingRef }: StepFieldsProps) {
  const { t } = useTranslation();
  const errorFor = (field: string) => problems.find((problem) => problem.field === field)?.message;
  const heading = (key: string) => (
    <h2 tabIndex={-1} ref={headingRef} className="step-title">
      {t(key)}
    </h2>
  );

  switch (step) {
    case 'danger':
      return (
        <>
          <Choice
            legend={heading('report.dangerQuestion')}
            name="danger"
            options={[
              { value: 'yes', label: t('report.dangerYes') },
              { value: 'no', label: t('report.dangerNo') },
            ]}
            value={answers.isAnyoneInDanger}
            onChange={(value) => update('isAnyoneInDanger', value as 'yes' | 'no')}
            error={errorFor('danger-no')}
          />
          {answers.isAnyoneInDanger === 'yes' && (
            <div className="call-999" role="alert" data-testid="call-999">
              <p className="call-999-title">{t('report.dangerCall')}</p>
              <p>{t('report.dangerCallBody')}</p>
              <a className="public-button danger" href="tel:999">
                {t('report.dangerCall')}
              </a>
            </div>
          )}
        </>
      );
    case 'what':
      return (
        <>
          {heading('report.whatTitle')}
          <Choice
            legend={t('report.typeLabel')}
            name="type"
            options={REPORT_TYPES.map((type) => ({ value: type, label: t(`report.type_${type}`) }))}
            value={answers.type}
            onChange={(value) => update('type', value as ReportType)}
            error={errorFor(`type-${REPORT_TYPES[0]}`)}
          />
          <TextField id="what" label={t('report.whatLabel')} multiline value={answers.whatHappened} onChange={(value) => update('whatHappened', value)} error={errorFor('what')} />
        </>
      );
    case 'whenWhere':
      return (
        <>
          {heading('report.whenWhereTitle')}
          <TextField id="when" label={t('report.whenLabel')} hint={t('report.whenHint')} value={answers.when} onChange={(value) => update('when', value)} error={errorFor('when')} maxLength={200} />
          <TextField id="where" label={t('report.whereLabel')} hint={t('report.whereHint')} multiline value={answers.where} onChange={(value) => update('where', value)} error={errorFor('where')} maxLength={500} />
        </>
      );
    case 'who':
      return (
        <>
          {heading('report.whoTitle')}
          <TextField id="who" label={`${t('report.whoLabel')} (${t('common.optional')})`} hint={t('report.whoHint')} multiline value={answers.suspectOrVehicle} onChange={(value) => update('suspectOrVehicle', value)} />
        </>
      );
    case 'contact':
      return (
        <>
          {heading('report.contactTitle')}
          <TextField id="name" label={`${t('report.nameLabel')} (${t('common.optional')})`} value={answers.name} onChange={(value) => update('name', value)} maxLength={200} autoComplete="name" />
          <Choice
            legend={t('report.preferenceLabel')}
            name="preference"
            options={CONTACT_PREFERENCES.map((preference) => ({ value: preference, label: t(`report.preference_${preference}`) }))}
            value={answers.contactPreference}
            onChange={(value) => update('contactPreference', value as ContactPreference)}
            error={errorFor('preference-email')}
          />
          {answers.contactPreference && answers.contactPreference !== 'none' && (
            <TextField
              id="contact-detail"
              label={t(`report.detailLabel_${answers.contactPreference}`)}
              value={answers.contactDetail}
              onChange={(value) => update('contactDetail', value)}
              error={errorFor('contact-detail')}
              maxLength={200}
              type={answers.contactPreference === 'email' ? 'email' : 'tel'}
              autoComplete={answers.contactPreference === 'email' ? 'email' : 'tel'}
            />
          )}
        </>
      );
    case 'check':
      return (
        <>
          {heading('report.checkTitle')}
          <dl className="answers" data-testid="report-summary">
            <dt>{t('report.typeLabel')}</dt>
            <dd>{answers.type ? t(`report.type_${answers.type}`) : ''}</dd>
            <dt>{t('report.whatLabel')}</dt>
            <dd>{answers.whatHappened}</dd>
            <dt>{t('report.whenLabel')}</dt>
            <dd>{answers.when}</dd>
            <dt>{t('report.whereLabel')}</dt>
            <dd>{answers.where}</dd>
            <dt>{t('report.whoLabel')}</dt>
            <dd>{answers.suspectOrVehicle || t('report.notGiven')}</dd>
            <dt>{t('report.preferenceLabel')}</dt>
            <dd>
              {answers.contactPreference ? t(`report.preference_${answers.contactPreference}`) : ''}
              {answers.contactPreference !== 'none' && answers.contactDetail ? `: ${answers.contactDetail}` : ''}
            </dd>
          </dl>
        </>
      );
  }
}
