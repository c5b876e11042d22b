import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useLanguage } from '../shared/i18n/language.js';
import { Loading } from '../shared/ui/layout.js';
import { completeSignIn } from './session.js';

/** Where the OpenID Provider sends the browser back with the code; PKCE completes the exchange. */
const CallbackPage = () => {
  const { t } = useLanguage();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    completeSignIn()
      .then((to) => navigate(to, { replace: true }))
      .catch(() => setFailed(true));
  }, [navigate]);
  return failed ? (
    <div role="alert">
      <h1>{t('auth.failed')}</h1>
    </div>
  ) : (
    <>
      <h1 className="visually-hidden">{t('auth.signingIn')}</h1>
      <Loading />
    </>
  );
};
export default CallbackPage;
