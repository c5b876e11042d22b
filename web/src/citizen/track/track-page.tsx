/** A complaint as its reporter follows it: status, expected answer, timeline, answer, messages, rating, reopen. */
import { useMemo } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError, type ResponseOf } from '../../api/client.js';
import type { MessageKey } from '../../shared/i18n/dictionary.js';
import { useLanguage } from '../../shared/i18n/language.js';
import { ApiProblem } from '../../shared/ui/api-error.js';
import { Loading, useTitle } from '../../shared/ui/layout.js';
import { StatusTag } from '../../shared/ui/status.js';
import { useCategories, useTracking } from '../queries.js';
import { MessageForm, RateForm, ReopenForm } from './reporter-forms.js';

type Tracking = ResponseOf<'trackComplaint'>;

/** #rahasia=<secret>: the fragment never reaches a server. */
const secretFrom = (hash: string): string | undefined => {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('rahasia');
  return value?.trim() || undefined;
};

const EVENT_KINDS = new Set([
  'SUBMITTED',
  'VERIFIED',
  'REJECTED',
  'MERGED',
  'ACKNOWLEDGED',
  'RESPONDED',
  'HANDED_BACK',
  'REOPENED',
  'CLOSED',
]);

const TrackPage = () => {
  const { t, lang, dateTime, date } = useLanguage();
  const { code = '' } = useParams();
  const { hash } = useLocation();
  const secret = useMemo(() => secretFrom(hash), [hash]);
  const tracking = useTracking(code, secret);
  const categories = useCategories();
  useTitle(t('track.heading', { code: code.toUpperCase() }));

  if (tracking.isPending) return <Loading />;
  if (tracking.isError) {
    const notFound = isApiError(tracking.error) && [400, 403, 404].includes(tracking.error.status);
    return (
      <div className="narrow">
        <h1>{t('track.heading', { code: code.toUpperCase() })}</h1>
        {notFound ? (
          <p className="inset">{t('track.notFound')}</p>
        ) : (
          <ApiProblem error={tracking.error} retry={() => void tracking.refetch()} />
        )}
        <p>
          <Link to="/lacak">{t('track.title')}</Link>
        </p>
      </div>
    );
  }
  const c: Tracking = tracking.data;
  const category = categories.data?.items.find((x) => x.code === c.category);
  const categoryName = category ? (lang === 'en' ? category.nameEn : category.name) : c.category;
  const open = !['CLOSED', 'REJECTED', 'MERGED'].includes(c.status);
  // as the API allows: while answered, or within the window after closing
  const canReopen = !!secret && (c.status === 'RESPONDED' || (c.status === 'CLOSED' && !!c.reopenUntil));
  return (
    <div className="narrow">
      <h1>{t('track.heading', { code: c.trackingCode })}</h1>
      <p>
        <StatusTag status={c.status} />
      </p>
      {c.mergedInto ? (
        <p className="notice">
          {t('track.mergedInto', { code: c.mergedInto })}{' '}
          <Link to={`/lacak/${c.mergedInto}${secret ? `#rahasia=${encodeURIComponent(secret)}` : ''}`}>
            {c.mergedInto}
          </Link>
        </p>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>{t('track.category')}</dt>
          <dd>{categoryName}</dd>
        </div>
        <div>
          <dt>{t('track.submittedAt')}</dt>
          <dd>{dateTime(c.submittedAt)}</dd>
        </div>
        {open ? (
          <div>
            <dt>{t('track.expectedAt')}</dt>
            <dd>{dateTime(c.expectedAt)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('track.location')}</dt>
          <dd>{[c.location.address, c.location.kelurahan].filter(Boolean).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('track.description')}</dt>
          <dd>{c.description}</dd>
        </div>
      </dl>
      {c.rejectedReason ? (
        <>
          <h2>{t('track.rejected')}</h2>
          <p className="inset">{c.rejectedReason}</p>
        </>
      ) : null}
      {c.answer ? (
        <section aria-labelledby="answer-title">
          <h2 id="answer-title">{t('track.answer')}</h2>
          <p className="inset" style={{ whiteSpace: 'pre-wrap' }}>
            {c.answer.text}
          </p>
          <p className="hint">{dateTime(c.answer.at)}</p>
        </section>
      ) : null}
      {c.rating ? (
        <p className="notice">
          {t('track.rated', {
            score: c.rating.score,
            solved: t(c.rating.solved ? 'track.rated.solved' : 'track.rated.unsolved'),
          })}
        </p>
      ) : null}
      {secret && c.status === 'RESPONDED' && !c.rating ? (
        <RateForm code={c.trackingCode} secret={secret} />
      ) : null}
      {canReopen ? (
        <ReopenForm
          code={c.trackingCode}
          secret={secret}
          until={c.reopenUntil ? date(c.reopenUntil) : undefined}
        />
      ) : null}
      <h2>{t('track.timeline')}</h2>
      <ol className="timeline">
        {c.history
          .filter((e) => EVENT_KINDS.has(e.kind))
          .map((e) => (
            <li key={`${e.at}-${e.kind}`}>
              <time dateTime={e.at}>{dateTime(e.at)}</time>
              {t(`event.${e.kind}` as MessageKey)}
            </li>
          ))}
      </ol>
      {secret ? (
        <section aria-labelledby="messages-title">
          <h2 id="messages-title">{t('track.messages')}</h2>
          {c.messages?.length ? (
            <ul>
              {c.messages.map((m) => (
                <li key={m.at}>
                  <span className="hint">{dateTime(m.at)}</span>
                  {m.text}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('track.noMessages')}</p>
          )}
          {open || c.status === 'CLOSED' ? <MessageForm code={c.trackingCode} secret={secret} /> : null}
        </section>
      ) : (
        <p className="notice">{t('track.withoutSecret')}</p>
      )}
    </div>
  );
};
export default TrackPage;
