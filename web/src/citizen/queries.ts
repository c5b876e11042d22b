/** The citizen's server state: queries keyed by the resource, mutations that refresh what they change. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf } from '../api/client.js';
import { useLanguage } from '../shared/i18n/language.js';

export const useCategories = () => {
  const { lang } = useLanguage();
  return useQuery({
    queryKey: ['complaint-categories', lang],
    queryFn: () => api.listComplaintCategories(),
    staleTime: 10 * 60_000,
  });
};

export const useSubmitComplaint = () =>
  useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: BodyOf<'submitComplaint'>; idempotencyKey: string }) =>
      api.submitComplaint(body, { idempotencyKey }),
  });

const trackingKey = (code: string) => ['complaint', code.toUpperCase()];

export const useTracking = (code: string, secret: string | undefined) => {
  const { lang } = useLanguage();
  return useQuery({
    queryKey: [...trackingKey(code), lang, secret ? 'with-secret' : 'public'],
    queryFn: () => api.trackComplaint({ trackingCode: code }, secret ? { reporterSecret: secret } : {}),
  });
};

/** The reporter's actions on their complaint (all with the secret); each refreshes the page's data. */
export const useReporterAction = (code: string, secret: string) => {
  const client = useQueryClient();
  const done = () => client.invalidateQueries({ queryKey: trackingKey(code) });
  const opts = { reporterSecret: secret };
  const params = { trackingCode: code };
  return {
    message: useMutation({
      mutationFn: (body: BodyOf<'addComplaintMessage'>) => api.addComplaintMessage(params, body, opts),
      onSuccess: done,
    }),
    rate: useMutation({
      mutationFn: (body: BodyOf<'rateComplaint'>) => api.rateComplaint(params, body, opts),
      onSuccess: done,
    }),
    reopen: useMutation({
      mutationFn: (body: BodyOf<'reopenComplaint'>) => api.reopenComplaint(params, body, opts),
      onSuccess: done,
    }),
  };
};
