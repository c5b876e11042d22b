import type { ResponseOf } from '../../api/client.js';
import { useLanguage } from '../i18n/language.js';

export type ComplaintStatus = ResponseOf<'trackComplaint'>['status'];

const tone: Record<ComplaintStatus, string> = {
  SUBMITTED: '',
  VERIFIED: '',
  IN_PROGRESS: 'warn',
  RESPONDED: 'good',
  CLOSED: 'good',
  REJECTED: 'bad',
  MERGED: '',
};

/** A complaint's status in plain words, never the API's code. */
export const StatusTag = ({ status }: { status: ComplaintStatus }) => {
  const { t } = useLanguage();
  return <strong className={`tag ${tone[status]}`}>{t(`status.${status}`)}</strong>;
};
