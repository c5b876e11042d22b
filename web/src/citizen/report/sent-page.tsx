/** After submitting: the tracking code and the secret, shown once, with a link that carries both. */
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { ResponseOf } from '../../api/client.js';
import { useLanguage } from '../../shared/i18n/language.js';
import { useTitle } from '../../shared/ui/layout.js';

type Submitted = ResponseOf<'submitComplaint'>;

/** The secret goes in the fragment: browsers never send it to a server or in a Referer header. */
export const trackingLink = (code: string, secret?: string) =>
  `${location.origin}/lacak/${code}${secret ? `#rahasia=${encodeURIComponent(secret)}` : ''}`;

export const SentPage = () => {
  const { t, dateTime } = useLanguage();
  useTitle(t('sent.title'));
  const location = useLocation();
  const navigate = useNavigate();
  // kept in this component only: the history entry forgets it, so a reload or Back does not show it again
  const [submitted] = useState(location.state as Submitted | null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (location.state) navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);

  if (!submitted?.trackingCode) {
    return (
      <div className="narrow">
        <h1>{t('sent.title')}</h1>
        <p>{t('sent.gone')}</p>
        <p>
          <Link to="/lacak">{t('nav.track')}</Link>
        </p>
      </div>
    );
  }
  const link = trackingLink(submitted.trackingCode, submitted.reporterSecret);
  return (
    <div className="narrow">
      <div className="panel">
        <h1>{t('sent.title')}</h1>
        <p>
          {t('sent.codeLabel')}
          <br />
          <span className="code-value" data-testid="tracking-code">
            {submitted.trackingCode}
          </span>
        </p>
      </div>
      <dl className="summary-list">
        <div>
          <dt>{t('sent.codeLabel')}</dt>
          <dd>{submitted.trackingCode}</dd>
        </div>
        {submitted.reporterSecret ? (
          <div>
            <dt>{t('sent.secretLabel')}</dt>
            <dd data-testid="reporter-secret">{submitted.reporterSecret}</dd>
          </div>
        ) : null}
      </dl>
      <p className="warning">{t('sent.warning')}</p>
      <h2>{t('sent.linkLabel')}</h2>
      <p style={{ wordBreak: 'break-all' }}>
        <a href={link}>{link}</a>
      </p>
      <button
        type="button"
        className="button secondary"
        onClick={() => {
          void navigator.clipboard?.writeText(link).then(() => setCopied(true));
        }}
      >
        {t('sent.copy')}
      </button>
      <span role="status" aria-live="polite">
        {copied ? t('sent.copied') : ''}
      </span>
      <h2>{t('sent.next')}</h2>
      <p>{t('sent.verifyBy', { date: dateTime(submitted.due.verification) })}</p>
      <p>{t('sent.answerBy', { date: dateTime(submitted.due.expectedAnswer) })}</p>
      <p>
        <a className="button" href={link}>
          {t('sent.open')}
        </a>
      </p>
    </div>
  );
};
