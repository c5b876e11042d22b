/** Semarang's 16 kecamatan and 177 kelurahan: the same file the API checks against. */
import data from '../../../../data/semarang-kelurahan.json';

export const KECAMATAN = data.kecamatan;
