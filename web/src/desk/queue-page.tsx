/** The city desk's queue: what waits to be checked, the most urgent first, with a coloured due badge. */
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { api } from '../api/client.js';
import { signIn } from '../auth/session.js';
import { useSession } from '../auth/use-session.js';
import { useCategories } from '../citizen/queries.js';
import { useLanguage } from '../shared/i18n/language.js';
import { ApiProblem } from '../shared/ui/api-error.js';
import { Loading, useTitle } from '../shared/ui/layout.js';

const DAY = 24 * 3600_000;

const DueBadge = ({ dueAt, now }: { dueAt?: string; now: number }) => {
  const { t } = useLanguage();
  if (!dueAt) return null;
  const left = Date.parse(dueAt) - now;
  const [tone, key] =
    left < 0
      ? (['bad', 'desk.overdue'] as const)
      : left < DAY
        ? (['warn', 'desk.dueToday'] as const)
        : (['good', 'desk.dueLater'] as const);
  return <strong className={`tag ${tone}`}>{t(key)}</strong>;
};

const DeskQueuePage = () => {
  const { t, lang, dateTime } = useLanguage();
  useTitle(t('desk.title'));
  const session = useSession();
  const done = (useLocation().state as { done?: string } | null)?.done;
  const categories = useCategories();
  const categoryName = (code: string) => {
    const c = categories.data?.items.find((x) => x.code === code);
    return c ? (lang === 'en' ? c.nameEn : c.name) : code;
  };
  const isDesk = !!session?.groups.includes('COMPLAINT_DESK');
  const queue = useQuery({
    queryKey: ['complaints', 'desk', 'SUBMITTED'],
    queryFn: () => api.listComplaints({ status: 'SUBMITTED', limit: '100' }),
    enabled: isDesk,
  });
  if (!isDesk) {
    return (
      <div className="narrow">
        <h1>{t('desk.title')}</h1>
        <p>{t('desk.signInFirst')}</p>
        <button type="button" className="button" onClick={() => void signIn('/meja')}>
          {t('nav.signIn')}
        </button>
      </div>
    );
  }
  if (queue.isPending) return <Loading />;
  if (queue.isError) return <ApiProblem error={queue.error} retry={() => void queue.refetch()} />;
  const now = Date.now();
  const items = [...queue.data.items].sort((a, b) =>
    (a.dueAt ?? a.queuedAt).localeCompare(b.dueAt ?? b.queuedAt),
  );
  return (
    <>
      <h1>{t('desk.title')}</h1>
      {done ? (
        <p className="notice" role="status">
          {t('desk.done', { code: done })}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p>{t('desk.empty')}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t('desk.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('track.code.label')}</th>
              <th scope="col">{t('track.category')}</th>
              <th scope="col">{t('track.submittedAt')}</th>
              <th scope="col">{t('desk.due')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.trackingCode}>
                <th scope="row">
                  <Link to={`/meja/${c.trackingCode}`}>{c.trackingCode}</Link>
                </th>
                <td>{c.title ?? categoryName(c.category)}</td>
                <td>{dateTime(c.submittedAt)}</td>
                <td>
                  <DueBadge dueAt={c.dueAt} now={now} /> {c.dueAt ? dateTime(c.dueAt) : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
};
export default DeskQueuePage;
