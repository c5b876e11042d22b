/** "Laporkan masalah": one page, four questions, an error summary that links to each field. */
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { type BodyOf, isApiError } from '../../api/client.js';
import type { MessageKey } from '../../shared/i18n/dictionary.js';
import { useLanguage } from '../../shared/i18n/language.js';
import { ApiProblem } from '../../shared/ui/api-error.js';
import { ErrorSummary, type FieldError, Radios, Select, TextArea, TextField } from '../../shared/ui/form.js';
import { Loading, useTitle } from '../../shared/ui/layout.js';
import { useCategories, useSubmitComplaint } from '../queries.js';
import { KECAMATAN } from './kelurahan.js';

type Privacy = NonNullable<BodyOf<'submitComplaint'>['privacy']>;
const PRIVACIES: Privacy[] = ['PUBLIC', 'ANONYMOUS', 'CONFIDENTIAL'];

interface Form {
  category: string;
  description: string;
  address: string;
  kecamatan: string;
  kelurahan: string;
  privacy: string;
  name: string;
  phone: string;
  email: string;
}
const EMPTY: Form = {
  category: '',
  description: '',
  address: '',
  kecamatan: '',
  kelurahan: '',
  privacy: '',
  name: '',
  phone: '',
  email: '',
};

/** Which field of the form an API error detail belongs to (body.location.kelurahan → kelurahan). */
const FIELD_OF: Array<[RegExp, keyof Form]> = [
  [/^body\.category/, 'category'],
  [/^body\.description/, 'description'],
  [/^body\.location\.kelurahan/, 'kelurahan'],
  [/^body\.location/, 'address'],
  [/^body\.privacy/, 'privacy'],
  [/^body\.reporter\.name/, 'name'],
  [/^body\.reporter\.phone/, 'phone'],
  [/^body\.reporter\.email/, 'email'],
];

export const ReportPage = () => {
  const { t, lang } = useLanguage();
  useTitle(t('report.title'));
  const navigate = useNavigate();
  const categories = useCategories();
  const submit = useSubmitComplaint();
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<FieldError[]>([]);
  // one key per report: a double tap or a retry after a lost answer never files it twice
  const idempotencyKey = useRef(crypto.randomUUID());
  const set = (key: keyof Form) => (value: string) =>
    setForm((f) => ({ ...f, [key]: value, ...(key === 'kecamatan' ? { kelurahan: '' } : {}) }));
  const errorOf = (field: keyof Form) => errors.find((e) => e.field === field)?.message;
  const kelurahan = useMemo(
    () => KECAMATAN.find((k) => k.code === form.kecamatan)?.kelurahan ?? [],
    [form.kecamatan],
  );

  const check = (): FieldError[] => {
    const out: FieldError[] = [];
    const need = (field: keyof Form, key: MessageKey, ok: boolean) => {
      if (!ok) out.push({ field, message: t(key) });
    };
    need('category', 'errors.required.category', !!form.category);
    if (!form.description.trim())
      out.push({ field: 'description', message: t('errors.required.description') });
    else need('description', 'errors.short.description', form.description.trim().length >= 20);
    need('address', 'errors.required.address', form.address.trim().length >= 3);
    need('kecamatan', 'errors.required.kecamatan', !!form.kecamatan);
    if (form.kecamatan) need('kelurahan', 'errors.required.kelurahan', !!form.kelurahan);
    need('privacy', 'errors.required.privacy', !!form.privacy);
    return out;
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problems = check();
    setErrors(problems);
    if (problems.length) return;
    const reporter = {
      ...(form.name.trim() ? { name: form.name.trim() } : {}),
      ...(form.phone.trim() ? { phone: form.phone.replace(/[\s-]/g, '') } : {}),
      ...(form.email.trim() ? { email: form.email.trim() } : {}),
    };
    const body: BodyOf<'submitComplaint'> = {
      category: form.category,
      description: form.description.trim(),
      location: { address: form.address.trim(), kelurahan: form.kelurahan },
      privacy: form.privacy as Privacy,
      ...(Object.keys(reporter).length ? { reporter } : {}),
    };
    submit.mutate(
      { body, idempotencyKey: idempotencyKey.current },
      {
        onSuccess: (result) => navigate('/lapor/terkirim', { state: result, replace: true }),
        onError: (err) => {
          if (isApiError(err) && err.status === 400 && err.details.length) {
            setErrors(
              err.details.map((d) => {
                const field = FIELD_OF.find(([re]) => re.test(d.path))?.[1] ?? 'category';
                return { field, message: d.message };
              }),
            );
          }
        },
      },
    );
  };

  if (categories.isPending) return <Loading />;
  if (categories.isError)
    return <ApiProblem error={categories.error} retry={() => void categories.refetch()} />;

  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <h1>{t('report.title')}</h1>
      <p>{t('report.lead')}</p>
      {submit.isError && !(isApiError(submit.error) && submit.error.status === 400) ? (
        <ApiProblem error={submit.error} />
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        <Radios
          id="category"
          legend={`1. ${t('report.category.legend')}`}
          legendAsHeading
          value={form.category}
          onChange={set('category')}
          error={errorOf('category')}
          options={categories.data.items
            .filter((c) => c.active)
            // by name, "other" last
            .sort((a, b) =>
              a.code === 'LAINNYA' ? 1 : b.code === 'LAINNYA' ? -1 : a.name.localeCompare(b.name, 'id'),
            )
            .map((c) => ({
              value: c.code,
              label: lang === 'en' ? c.nameEn : c.name,
              hint: t('report.category.serviceLevel', {
                verify: c.serviceLevel.verifyDays,
                answer: c.serviceLevel.answerDays[c.defaultComplexity],
              }),
            }))}
        />
        <TextArea
          id="description"
          label={`2. ${t('report.description.label')}`}
          labelAsHeading
          hint={t('report.description.hint')}
          value={form.description}
          onChange={set('description')}
          error={errorOf('description')}
        />
        <fieldset>
          <legend>
            <h2 className="legend-heading">3. {t('report.location.legend')}</h2>
          </legend>
          <TextField
            id="address"
            label={t('report.address.label')}
            hint={t('report.address.hint')}
            value={form.address}
            onChange={set('address')}
            error={errorOf('address')}
            autoComplete="street-address"
          />
          <Select
            id="kecamatan"
            label={t('report.kecamatan.label')}
            value={form.kecamatan}
            onChange={set('kecamatan')}
            error={errorOf('kecamatan')}
          >
            <option value="">{t('report.choose')}</option>
            {KECAMATAN.map((k) => (
              <option key={k.code} value={k.code}>
                {k.name}
              </option>
            ))}
          </Select>
          <Select
            id="kelurahan"
            label={t('report.kelurahan.label')}
            value={form.kelurahan}
            onChange={set('kelurahan')}
            error={errorOf('kelurahan')}
            disabled={!form.kecamatan}
          >
            <option value="">{form.kecamatan ? t('report.choose') : t('report.chooseKecamatanFirst')}</option>
            {kelurahan.map((k) => (
              <option key={k.code} value={k.name}>
                {k.name}
              </option>
            ))}
          </Select>
        </fieldset>
        <Radios
          id="privacy"
          legend={`4. ${t('report.privacy.legend')}`}
          legendAsHeading
          value={form.privacy}
          onChange={set('privacy')}
          error={errorOf('privacy')}
          options={PRIVACIES.map((p) => ({
            value: p,
            label: t(`report.privacy.${p}`),
            hint: t(`report.privacy.${p}.hint`),
          }))}
        />
        <fieldset>
          <legend>{t('report.contact.legend')}</legend>
          <span className="hint">{t('report.contact.hint')}</span>
          <TextField
            id="name"
            label={t('report.name.label')}
            value={form.name}
            onChange={set('name')}
            error={errorOf('name')}
            autoComplete="name"
          />
          <TextField
            id="phone"
            type="tel"
            label={t('report.phone.label')}
            hint={t('report.phone.hint')}
            value={form.phone}
            onChange={set('phone')}
            error={errorOf('phone')}
            autoComplete="tel"
          />
          <TextField
            id="email"
            type="email"
            label={t('report.email.label')}
            value={form.email}
            onChange={set('email')}
            error={errorOf('email')}
            autoComplete="email"
          />
        </fieldset>
        <button type="submit" className="button" disabled={submit.isPending}>
          {submit.isPending ? t('report.sending') : t('report.submit')}
        </button>
      </form>
    </div>
  );
};
