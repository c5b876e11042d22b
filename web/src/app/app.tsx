import { lazy, Suspense } from 'react';
import { Link, Route, Routes } from 'react-router';
import { HomePage } from '../citizen/home/home-page.js';
import { ReportPage } from '../citizen/report/report-page.js';
import { SentPage } from '../citizen/report/sent-page.js';
import { useLanguage } from '../shared/i18n/language.js';
import { Layout, Loading, useTitle } from '../shared/ui/layout.js';

// Pages a citizen filing a report does not need are fetched only when opened.
const TrackFormPage = lazy(() => import('../citizen/track/track-form-page.js'));
const TrackPage = lazy(() => import('../citizen/track/track-page.js'));
const CallbackPage = lazy(() => import('../auth/callback-page.js'));
const DeskQueuePage = lazy(() => import('../desk/queue-page.js'));
const DeskDetailPage = lazy(() => import('../desk/detail-page.js'));

const NotFound = () => {
  const { t } = useLanguage();
  useTitle(t('app.notFound.title'));
  return (
    <>
      <h1>{t('app.notFound.title')}</h1>
      <p>{t('app.notFound.body')}</p>
      <p>
        <Link to="/">{t('app.home')}</Link>
      </p>
    </>
  );
};

export const App = () => (
  <Layout>
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/lapor" element={<ReportPage />} />
        <Route path="/lapor/terkirim" element={<SentPage />} />
        <Route path="/lacak" element={<TrackFormPage />} />
        <Route path="/lacak/:code" element={<TrackPage />} />
        <Route path="/auth/callback" element={<CallbackPage />} />
        <Route path="/meja" element={<DeskQueuePage />} />
        <Route path="/meja/:code" element={<DeskDetailPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  </Layout>
);
