/** One report at the desk: read it, then verify and route it to an agency, or reject it with a reason. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type BodyOf, isApiError, type ResponseOf } from '../api/client.js';
import { useSession } from '../auth/use-session.js';
import { useCategories } from '../citizen/queries.js';
import type { MessageKey } from '../shared/i18n/dictionary.js';
import { useLanguage } from '../shared/i18n/language.js';
import { ApiProblem } from '../shared/ui/api-error.js';
import { ErrorSummary, type FieldError, Radios, Select, TextArea, TextField } from '../shared/ui/form.js';
import { Loading, useTitle } from '../shared/ui/layout.js';
import { StatusTag } from '../shared/ui/status.js';

type Verify = BodyOf<'verifyComplaint'>;
const CLASSIFICATIONS: Verify['classification'][] = ['PENGADUAN', 'ASPIRASI', 'PERMINTAAN_INFORMASI'];
const COMPLEXITIES: Verify['complexity'][] = ['SIMPLE', 'NO_FIELD_CHECK', 'FIELD_CHECK'];

const conflictOrFields = (err: unknown, t: (k: MessageKey) => string, field: string): FieldError[] => {
  if (isApiError(err) && err.status === 409) return [{ field, message: t('desk.conflict') }];
  if (isApiError(err) && err.status === 400) return err.details.map((d) => ({ field, message: d.message }));
  return [];
};

const VerifyForm = ({ c }: { c: ResponseOf<'getComplaint'> }) => {
  const { t, lang } = useLanguage();
  const navigate = useNavigate();
  const client = useQueryClient();
  const categories = useCategories();
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: () => api.listAgencies({ limit: '100' }) });
  const [title, setTitle] = useState('');
  const [classification, setClassification] = useState<string>('PENGADUAN');
  const [category, setCategory] = useState(c.category);
  const [agencyId, setAgencyId] = useState(c.agencyId ?? '');
  const [complexity, setComplexity] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const chosen = categories.data?.items.find((x) => x.code === category);
  const verify = useMutation({
    mutationFn: (body: Verify) => api.verifyComplaint({ id: c.trackingCode }, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['complaints'] });
      navigate('/meja', { state: { done: c.trackingCode } });
    },
    onError: (err) => {
      setErrors(conflictOrFields(err, t, 'title'));
      if (isApiError(err) && err.status === 409) void client.invalidateQueries({ queryKey: ['complaint'] });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problems: FieldError[] = [];
    if (title.trim().length < 5) problems.push({ field: 'title', message: t('desk.errors.title') });
    const agency = agencyId || chosen?.agencyId || '';
    const level = complexity || chosen?.defaultComplexity || '';
    if (!agency) problems.push({ field: 'agency', message: t('desk.errors.agency') });
    setErrors(problems);
    if (problems.length) return;
    verify.mutate({
      title: title.trim(),
      classification: classification as Verify['classification'],
      category,
      agencyId: agency,
      complexity: level as Verify['complexity'],
      version: c.version,
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="verify-title">
      <h2 id="verify-title">{t('desk.verify.title')}</h2>
      <ErrorSummary errors={errors} />
      {verify.isError && errors.length === 0 ? <ApiProblem error={verify.error} /> : null}
      <TextField
        id="title"
        label={t('desk.verify.titleLabel')}
        hint={t('desk.verify.titleHint')}
        value={title}
        onChange={setTitle}
        error={errors.find((x) => x.field === 'title')?.message}
      />
      <Radios
        id="classification"
        legend={t('desk.verify.classification')}
        value={classification}
        onChange={setClassification}
        options={CLASSIFICATIONS.map((v) => ({ value: v, label: t(`classification.${v}`) }))}
      />
      <Select id="category" label={t('track.category')} value={category} onChange={setCategory}>
        {(categories.data?.items ?? []).map((x) => (
          <option key={x.code} value={x.code}>
            {lang === 'en' ? x.nameEn : x.name}
          </option>
        ))}
      </Select>
      <Select
        id="agency"
        label={t('desk.verify.agency')}
        hint={
          chosen ? t('desk.verify.agencyHint', { agency: chosen.agencyName ?? chosen.agencyId }) : undefined
        }
        value={agencyId || chosen?.agencyId || ''}
        onChange={setAgencyId}
        error={errors.find((x) => x.field === 'agency')?.message}
      >
        <option value="">{t('report.choose')}</option>
        {(agencies.data?.items ?? []).map((a) => (
          <option key={a.agencyId} value={a.agencyId}>
            {a.name}
          </option>
        ))}
      </Select>
      <Radios
        id="complexity"
        legend={t('desk.verify.complexity')}
        value={complexity || chosen?.defaultComplexity || ''}
        onChange={setComplexity}
        options={COMPLEXITIES.map((v) => ({
          value: v,
          label: t(`complexity.${v}`),
          hint: chosen ? t('desk.verify.days', { days: chosen.serviceLevel.answerDays[v] }) : undefined,
        }))}
      />
      <button type="submit" className="button" disabled={verify.isPending}>
        {t('desk.verify.submit')}
      </button>
    </form>
  );
};

const RejectForm = ({ c }: { c: ResponseOf<'getComplaint'> }) => {
  const { t } = useLanguage();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const reject = useMutation({
    mutationFn: () =>
      api.rejectComplaint({ id: c.trackingCode }, { reason: reason.trim(), version: c.version }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['complaints'] });
      navigate('/meja', { state: { done: c.trackingCode } });
    },
    onError: (err) => setErrors(conflictOrFields(err, t, 'reject-reason')),
  });
  return (
    <form
      noValidate
      aria-labelledby="reject-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim().length < 5)
          return setErrors([{ field: 'reject-reason', message: t('errors.short.reason') }]);
        setErrors([]);
        reject.mutate();
      }}
    >
      <h2 id="reject-title">{t('desk.reject.title')}</h2>
      <ErrorSummary errors={errors} />
      <TextArea
        id="reject-reason"
        label={t('desk.reject.reason')}
        hint={t('desk.reject.hint')}
        value={reason}
        onChange={setReason}
        error={errors[0]?.message}
      />
      <button type="submit" className="button warning-button" disabled={reject.isPending}>
        {t('desk.reject.submit')}
      </button>
    </form>
  );
};

const DeskDetailPage = () => {
  const { t, lang, dateTime } = useLanguage();
  const { code = '' } = useParams();
  const session = useSession();
  const categories = useCategories();
  const complaint = useQuery({
    queryKey: ['complaint', 'internal', code],
    queryFn: () => api.getComplaint({ id: code }),
    enabled: !!session,
  });
  useTitle(t('track.heading', { code }));
  if (!session) return <p>{t('desk.signInFirst')}</p>;
  if (complaint.isPending) return <Loading />;
  if (complaint.isError) return <ApiProblem error={complaint.error} retry={() => void complaint.refetch()} />;
  const c = complaint.data;
  const category = categories.data?.items.find((x) => x.code === c.category);
  return (
    <div className="narrow">
      <p>
        <Link to="/meja">{t('app.back')}</Link>
      </p>
      <h1>{t('track.heading', { code: c.trackingCode })}</h1>
      <p>
        <StatusTag status={c.status} />
      </p>
      <dl className="summary-list">
        <div>
          <dt>{t('track.category')}</dt>
          <dd>{category ? (lang === 'en' ? category.nameEn : category.name) : c.category}</dd>
        </div>
        <div>
          <dt>{t('track.submittedAt')}</dt>
          <dd>{dateTime(c.submittedAt)}</dd>
        </div>
        <div>
          <dt>{t('track.location')}</dt>
          <dd>{[c.location.address, c.location.kelurahan].filter(Boolean).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('track.description')}</dt>
          <dd>{c.description}</dd>
        </div>
      </dl>
      {c.status === 'SUBMITTED' ? (
        <>
          <VerifyForm c={c} />
          <RejectForm c={c} />
        </>
      ) : null}
    </div>
  );
};
export default DeskDetailPage;
