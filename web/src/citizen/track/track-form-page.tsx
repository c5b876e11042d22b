import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { useLanguage } from '../../shared/i18n/language.js';
import { ErrorSummary, type FieldError, TextField } from '../../shared/ui/form.js';
import { useTitle } from '../../shared/ui/layout.js';

/** "Lacak laporan": the code, and the secret if the reporter has it (it then travels in the fragment). */
const TrackFormPage = () => {
  const { t } = useLanguage();
  useTitle(t('track.title'));
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const c = code.replace(/[\s-]/g, '').toUpperCase();
    if (!c) return setErrors([{ field: 'code', message: t('errors.required.code') }]);
    navigate(
      `/lacak/${encodeURIComponent(c)}${secret.trim() ? `#rahasia=${encodeURIComponent(secret.trim())}` : ''}`,
    );
  };
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <h1>{t('track.title')}</h1>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          id="code"
          label={t('track.code.label')}
          hint={t('track.code.hint')}
          className="code"
          value={code}
          onChange={setCode}
          error={errors[0]?.message}
        />
        <TextField
          id="secret"
          label={t('track.secret.label')}
          hint={t('track.secret.hint')}
          value={secret}
          onChange={setSecret}
        />
        <button type="submit" className="button">
          {t('track.submit')}
        </button>
      </form>
    </div>
  );
};
export default TrackFormPage;
