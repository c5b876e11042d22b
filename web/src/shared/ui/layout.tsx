import { type ReactNode, useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { signIn, signOut } from '../../auth/session.js';
import { useSession } from '../../auth/use-session.js';
import { useLanguage } from '../i18n/language.js';

/** The page frame: skip link, header with the language switch, main landmark, footer. */
export const Layout = ({ children }: { children: ReactNode }) => {
  const { t, lang, setLang } = useLanguage();
  const session = useSession();
  const location = useLocation();
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="header">
        <div className="header-inner">
          <Link className="brand" to="/">
            {t('app.name')}
            <small>{t('app.owner')}</small>
          </Link>
          <nav aria-label={t('app.name')}>
            <ul className="nav">
              <li>
                <Link to="/lapor">{t('nav.report')}</Link>
              </li>
              <li>
                <Link to="/lacak">{t('nav.track')}</Link>
              </li>
              {session?.groups.includes('COMPLAINT_DESK') ? (
                <li>
                  <Link to="/meja">{t('nav.desk')}</Link>
                </li>
              ) : null}
              <li>
                {session ? (
                  <button type="button" className="link-button" onClick={() => void signOut()}>
                    {t('nav.signOut')}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => void signIn(location.pathname === '/' ? '/meja' : location.pathname)}
                  >
                    {t('nav.signIn')}
                  </button>
                )}
              </li>
            </ul>
          </nav>
          <fieldset className="lang">
            <legend className="visually-hidden">{t('app.language')}</legend>
            <button type="button" lang="id" aria-pressed={lang === 'id'} onClick={() => setLang('id')}>
              Indonesia
            </button>
            <button type="button" lang="en" aria-pressed={lang === 'en'} onClick={() => setLang('en')}>
              English
            </button>
          </fieldset>
        </div>
      </header>
      <main className="main" id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <div className="footer-inner">{t('app.footer')}</div>
      </footer>
    </>
  );
};

/** Sets the document title (screen readers announce it on navigation). */
export const useTitle = (title: string) => {
  const { t } = useLanguage();
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
};

export const Loading = () => {
  const { t } = useLanguage();
  return (
    <p role="status" aria-live="polite">
      {t('app.loading')}
    </p>
  );
};
