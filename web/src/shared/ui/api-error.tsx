import { isApiError } from '../../api/client.js';
import { useLanguage } from '../i18n/language.js';

/** An error the page cannot recover from by itself, in words, with a way to retry. */
export const ApiProblem = ({ error, retry }: { error: unknown; retry?: () => void }) => {
  const { t } = useLanguage();
  const message =
    isApiError(error) && error.status > 0 && error.message ? error.message : t('app.error.network');
  return (
    <div className="error-summary" role="alert">
      <h2>{t('app.error.title')}</h2>
      <p>{message}</p>
      {retry ? (
        <button type="button" className="button secondary" onClick={retry}>
          {t('app.error.retry')}
        </button>
      ) : null}
    </div>
  );
};
