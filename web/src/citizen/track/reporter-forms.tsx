/** What the reporter can do with their secret: add information, rate the answer, reopen. */
import { type FormEvent, useState } from 'react';
import { isApiError } from '../../api/client.js';
import { useLanguage } from '../../shared/i18n/language.js';
import { ApiProblem } from '../../shared/ui/api-error.js';
import { ErrorSummary, type FieldError, Radios, TextArea } from '../../shared/ui/form.js';
import { useReporterAction } from '../queries.js';

const serverErrors = (err: unknown, field: string): FieldError[] =>
  isApiError(err) && err.status === 400 ? err.details.map((d) => ({ field, message: d.message })) : [];

const Problem = ({ error }: { error: unknown }) =>
  error && !(isApiError(error) && error.status === 400) ? <ApiProblem error={error} /> : null;

export const MessageForm = ({ code, secret }: { code: string; secret: string }) => {
  const { t } = useLanguage();
  const { message } = useReporterAction(code, secret);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setErrors([{ field: 'message', message: t('errors.required.message') }]);
    setErrors([]);
    message.mutate(
      { text: text.trim() },
      { onSuccess: () => setText(''), onError: (err) => setErrors(serverErrors(err, 'message')) },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={errors} />
      <Problem error={message.error} />
      <TextArea
        id="message"
        label={t('track.message.label')}
        hint={t('track.message.hint')}
        value={text}
        onChange={setText}
        error={errors[0]?.message}
      />
      <button type="submit" className="button secondary" disabled={message.isPending}>
        {t('track.message.send')}
      </button>
      <span role="status" aria-live="polite">
        {message.isSuccess && !text ? t('track.message.sent') : ''}
      </span>
    </form>
  );
};

export const RateForm = ({ code, secret }: { code: string; secret: string }) => {
  const { t } = useLanguage();
  const { rate } = useReporterAction(code, secret);
  const [score, setScore] = useState('');
  const [solved, setSolved] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problems: FieldError[] = [];
    if (!score) problems.push({ field: 'score', message: t('errors.required.score') });
    if (!solved) problems.push({ field: 'solved', message: t('errors.required.solved') });
    setErrors(problems);
    if (problems.length) return;
    rate.mutate(
      { score: Number(score), solved: solved === 'yes' },
      { onError: (err) => setErrors(serverErrors(err, 'score')) },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="rate-title">
      <h2 id="rate-title">{t('track.rate.legend')}</h2>
      <ErrorSummary errors={errors} />
      <Problem error={rate.error} />
      <Radios
        id="score"
        legend={t('track.rate.score')}
        inline
        value={score}
        onChange={setScore}
        error={errors.find((x) => x.field === 'score')?.message}
        options={['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v }))}
      />
      <Radios
        id="solved"
        legend={t('track.rate.solved')}
        value={solved}
        onChange={setSolved}
        error={errors.find((x) => x.field === 'solved')?.message}
        options={[
          { value: 'yes', label: t('track.rate.yes') },
          { value: 'no', label: t('track.rate.no') },
        ]}
      />
      <button type="submit" className="button" disabled={rate.isPending}>
        {t('track.rate.send')}
      </button>
    </form>
  );
};

export const ReopenForm = ({ code, secret, until }: { code: string; secret: string; until?: string }) => {
  const { t } = useLanguage();
  const { reopen } = useReporterAction(code, secret);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 5) return setErrors([{ field: 'reason', message: t('errors.short.reason') }]);
    setErrors([]);
    reopen.mutate(
      { reason: reason.trim() },
      { onSuccess: () => setReason(''), onError: (err) => setErrors(serverErrors(err, 'reason')) },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="reopen-title">
      <h2 id="reopen-title">{t('track.reopen.legend')}</h2>
      <ErrorSummary errors={errors} />
      <Problem error={reopen.error} />
      <TextArea
        id="reason"
        label={t('track.reopen.label')}
        hint={until ? t('track.reopen.hint', { date: until }) : undefined}
        value={reason}
        onChange={setReason}
        error={errors[0]?.message}
      />
      <button type="submit" className="button secondary" disabled={reopen.isPending}>
        {t('track.reopen.send')}
      </button>
    </form>
  );
};
