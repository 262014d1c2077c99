import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_REPORT_FIELD_LENGTH } from '../../../shared/public-contact';

// Form parts of the public pages, in the GOV.UK pattern: label, hint, error message, then the
// control, tied together with aria-describedby so a screen reader reads all three.

interface ChoiceProps {
  legend: ReactNode;
  name: string;
  options: Array<{ value: string; label: string }>;
  value: string | null;
  onChange: (value: string) => void;
  error?: string;
}

export function Choice({ legend, name, options, value, onChange, error }: ChoiceProps) {
  const { t } = useTranslation();
  const errorId = useId();
  return (
    <fieldset className={error ? 'field has-error' : 'field'} aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      {error && (
        <p id={errorId} className="field-error">
          {t(error)}
        </p>
      )}
      {options.map((option) => (
        <div className="radio" key={option.value}>
          <input
            type="radio"
            id={`${name}-${option.value}`}
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <label htmlFor={`${name}-${option.value}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  multiline?: boolean;
  maxLength?: number;
  type?: string;
  autoComplete?: string;
}

export function TextField({ id, label, hint, value, onChange, error, multiline, maxLength = MAX_REPORT_FIELD_LENGTH, type = 'text', autoComplete }: TextFieldProps) {
  const { t } = useTranslation();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    maxLength,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  };
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {t(error)}
        </p>
      )}
      {multiline ? <textarea rows={5} {...common} /> : <input type={type} autoComplete={autoComplete} {...common} />}
    </div>
  );
}
