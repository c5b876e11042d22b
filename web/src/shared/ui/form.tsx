/** Form parts in the GOV.UK manner: label, hint, error above the control, all wired for screen readers. */
import { type ReactNode, useEffect, useRef } from 'react';
import { useLanguage } from '../i18n/language.js';

export interface FieldError {
  /** the id of the control the summary links to */
  field: string;
  message: string;
}

/** "There is a problem": focused when it appears, each line a link to its field. */
export const ErrorSummary = ({ errors }: { errors: FieldError[] }) => {
  const { t } = useLanguage();
  const ref = useRef<HTMLDivElement>(null);
  const count = errors.length;
  useEffect(() => {
    if (count) ref.current?.focus();
  }, [count]);
  if (!count) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 id="error-summary-title">{t('errors.summary')}</h2>
      <ul>
        {errors.map((e) => (
          <li key={`${e.field}:${e.message}`}>
            <a
              href={`#${e.field}`}
              onClick={(ev) => {
                ev.preventDefault();
                document.getElementById(e.field)?.focus();
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
};

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
}

const Hint = ({ id, hint }: { id: string; hint?: string }) =>
  hint ? (
    <span className="hint" id={`${id}-hint`}>
      {hint}
    </span>
  ) : null;
const ErrorText = ({ id, error }: { id: string; error?: string }) =>
  error ? (
    <span className="error-message" id={`${id}-error`}>
      <span className="visually-hidden">Error: </span>
      {error}
    </span>
  ) : null;

export const TextField = ({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  type = 'text',
  className,
  autoComplete,
}: FieldProps & {
  value: string;
  onChange(v: string): void;
  type?: 'text' | 'tel' | 'email';
  className?: string;
  autoComplete?: string;
}) => (
  <div className={`field${error ? ' has-error' : ''}`}>
    <label htmlFor={id}>{label}</label>
    <Hint id={id} hint={hint} />
    <ErrorText id={id} error={error} />
    <input
      id={id}
      name={id}
      type={type}
      className={className}
      value={value}
      autoComplete={autoComplete}
      aria-describedby={describedBy(id, hint, error)}
      aria-invalid={error ? true : undefined}
      onChange={(e) => onChange(e.target.value)}
    />
  </div>
);

export const TextArea = ({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  labelAsHeading,
}: FieldProps & { value: string; onChange(v: string): void; labelAsHeading?: boolean }) => (
  <div className={`field${error ? ' has-error' : ''}`}>
    {labelAsHeading ? (
      <h2 className="legend-heading">
        <label htmlFor={id}>{label}</label>
      </h2>
    ) : (
      <label htmlFor={id}>{label}</label>
    )}
    <Hint id={id} hint={hint} />
    <ErrorText id={id} error={error} />
    <textarea
      id={id}
      name={id}
      value={value}
      rows={5}
      aria-describedby={describedBy(id, hint, error)}
      aria-invalid={error ? true : undefined}
      onChange={(e) => onChange(e.target.value)}
    />
  </div>
);

export const Select = ({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  children,
  disabled,
}: FieldProps & { value: string; onChange(v: string): void; children: ReactNode; disabled?: boolean }) => (
  <div className={`field${error ? ' has-error' : ''}`}>
    <label htmlFor={id}>{label}</label>
    <Hint id={id} hint={hint} />
    <ErrorText id={id} error={error} />
    <select
      id={id}
      name={id}
      value={value}
      disabled={disabled}
      aria-describedby={describedBy(id, hint, error)}
      aria-invalid={error ? true : undefined}
      onChange={(e) => onChange(e.target.value)}
    >
      {children}
    </select>
  </div>
);

export interface RadioOption {
  value: string;
  label: string;
  hint?: string;
}

/** A question with radio answers; the first radio carries the id the error summary links to. */
export const Radios = ({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
  options,
  inline,
  legendAsHeading,
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  value: string;
  onChange(v: string): void;
  options: RadioOption[];
  inline?: boolean;
  legendAsHeading?: boolean;
}) => (
  <div className={`field${error ? ' has-error' : ''}`}>
    <fieldset aria-describedby={describedBy(id, hint, error)}>
      <legend>{legendAsHeading ? <h2 className="legend-heading">{legend}</h2> : legend}</legend>
      <Hint id={id} hint={hint} />
      <ErrorText id={id} error={error} />
      <div className={`radios${inline ? ' inline' : ''}`}>
        {options.map((o, i) => {
          const optionId = i === 0 ? id : `${id}-${o.value}`;
          return (
            <div className="radio" key={o.value}>
              <input
                type="radio"
                id={optionId}
                name={id}
                value={o.value}
                checked={value === o.value}
                aria-describedby={o.hint ? `${optionId}-hint` : undefined}
                onChange={() => onChange(o.value)}
              />
              <label htmlFor={optionId}>{o.label}</label>
              {o.hint ? (
                <span className="hint" id={`${optionId}-hint`}>
                  {o.hint}
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
    </fieldset>
  </div>
);
