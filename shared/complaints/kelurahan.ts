/**
 * Semarang's 177 kelurahan in 16 kecamatan (data/semarang-kelurahan.json, from the Kepmendagri
 * region codes). A complaint's kelurahan must be one of them; two names (Purwosari, Mangunharjo)
 * exist in two kecamatan each, so a name is enough to accept, not to tell which.
 */
import data from '../../data/semarang-kelurahan.json' with { type: 'json' };

export interface Kecamatan {
  code: string;
  name: string;
  kelurahan: ReadonlyArray<{ code: string; name: string }>;
}

export const KECAMATAN: readonly Kecamatan[] = data.kecamatan;

const key = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');
const NAMES = new Map(KECAMATAN.flatMap((k) => k.kelurahan.map((l) => [key(l.name), l.name] as const)));

/** The kelurahan's official spelling, or undefined when the city has none of that name. */
export const kelurahanName = (name: string): string | undefined => NAMES.get(key(name));
