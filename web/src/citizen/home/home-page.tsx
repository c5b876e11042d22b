import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { signIn } from '../../auth/session.js';
import { useLanguage } from '../../shared/i18n/language.js';
import { TextField } from '../../shared/ui/form.js';
import { useTitle } from '../../shared/ui/layout.js';

export const HomePage = () => {
  const { t } = useLanguage();
  useTitle(t('home.title'));
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  return (
    <>
      <div className="narrow">
        <h1>{t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
        <Link className="button start" to="/lapor">
          {t('home.start')} ›
        </Link>
      </div>
      <div className="cards">
        <section className="card" aria-labelledby="track-title">
          <h2 id="track-title">{t('home.track.title')}</h2>
          <p>{t('home.track.body')}</p>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              navigate(code.trim() ? `/lacak/${encodeURIComponent(code.trim().toUpperCase())}` : '/lacak');
            }}
          >
            <TextField
              id="home-code"
              label={t('track.code.label')}
              className="code"
              value={code}
              onChange={setCode}
            />
            <button type="submit" className="button secondary">
              {t('track.submit')}
            </button>
          </form>
        </section>
        <section className="card" aria-labelledby="staff-title">
          <h2 id="staff-title">{t('home.staff.title')}</h2>
          <p>{t('home.staff.body')}</p>
          <button type="button" className="button secondary" onClick={() => void signIn('/meja')}>
            {t('nav.signIn')}
          </button>
        </section>
      </div>
    </>
  );
};
