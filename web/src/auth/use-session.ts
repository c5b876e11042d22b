import { useSyncExternalStore } from 'react';
import { currentSession, type Session, subscribe } from './session.js';

let cached: { key: string; value: Session | null } = { key: '', value: null };
const snapshot = (): Session | null => {
  const s = currentSession();
  const key = s ? `${s.nip}|${s.groups.join(',')}` : '';
  if (key !== cached.key) cached = { key, value: s };
  return cached.value;
};

export const useSession = (): Session | null => useSyncExternalStore(subscribe, snapshot, () => null);
