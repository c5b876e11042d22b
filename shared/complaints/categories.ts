/**
 * The complaint categories the city starts with (seeded as data; the desk changes them through
 * PUT /v1/complaint-categories/{code}). Agencies are the codes of data/semarang-agencies.json.
 * Semarang's street lighting (PJU) sits with Disperkim; traffic lights and parking with Dishub.
 */
import { type Complexity, DEFAULT_SERVICE_LEVEL, type ServiceLevel } from './rules.js';

export interface Category {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  /** where the desk routes it unless it decides otherwise */
  agencyId: string;
  /** gives the estimated answer date before verification */
  defaultComplexity: Complexity;
  serviceLevel: ServiceLevel;
  /** Open311 group and keywords */
  group: string;
  keywords: string[];
  active: boolean;
  version: number;
  updatedAt: string;
}

type Seed = Omit<Category, 'serviceLevel' | 'active' | 'version' | 'updatedAt'> & {
  serviceLevel?: Partial<ServiceLevel>;
};

const SEEDS: Seed[] = [
  {
    code: 'JALAN_RUSAK',
    name: 'Jalan rusak atau berlubang',
    nameEn: 'Damaged road or pothole',
    description: 'Jalan kota yang rusak, berlubang, atau amblas.',
    agencyId: 'DPU',
    defaultComplexity: 'FIELD_CHECK',
    group: 'Infrastruktur',
    keywords: ['jalan', 'lubang', 'aspal', 'pothole'],
  },
  {
    code: 'DRAINASE',
    name: 'Saluran air tersumbat atau banjir',
    nameEn: 'Blocked drain or flooding',
    description: 'Saluran, gorong-gorong, atau drainase yang tersumbat; genangan dan rob.',
    agencyId: 'DPU',
    defaultComplexity: 'FIELD_CHECK',
    group: 'Infrastruktur',
    keywords: ['drainase', 'banjir', 'rob', 'got'],
  },
  {
    code: 'PJU',
    name: 'Penerangan jalan umum mati',
    nameEn: 'Street light out',
    description: 'Lampu penerangan jalan umum (PJU) padam atau rusak.',
    agencyId: 'DISPERKIM',
    defaultComplexity: 'NO_FIELD_CHECK',
    group: 'Infrastruktur',
    keywords: ['lampu', 'pju', 'penerangan'],
  },
  {
    code: 'LAMPU_LALU_LINTAS',
    name: 'Lampu lalu lintas rusak',
    nameEn: 'Traffic light fault',
    description: 'APILL (lampu lalu lintas) mati atau tidak berfungsi.',
    agencyId: 'DISHUB',
    defaultComplexity: 'SIMPLE',
    group: 'Perhubungan',
    keywords: ['traffic light', 'apill', 'lampu merah'],
  },
  {
    code: 'PARKIR_LIAR',
    name: 'Parkir liar',
    nameEn: 'Illegal parking',
    description: 'Parkir di bahu jalan atau trotoar yang mengganggu.',
    agencyId: 'DISHUB',
    defaultComplexity: 'SIMPLE',
    group: 'Perhubungan',
    keywords: ['parkir', 'juru parkir'],
  },
  {
    code: 'SAMPAH',
    name: 'Sampah menumpuk',
    nameEn: 'Uncollected waste',
    description: 'Sampah tidak terangkut, TPS penuh, pembuangan liar.',
    agencyId: 'DLH',
    defaultComplexity: 'NO_FIELD_CHECK',
    group: 'Lingkungan',
    keywords: ['sampah', 'tps', 'kebersihan'],
  },
  {
    code: 'POHON_TAMAN',
    name: 'Pohon tumbang atau taman rusak',
    nameEn: 'Fallen tree or damaged park',
    description: 'Pohon tumbang atau rawan tumbang, taman kota rusak.',
    agencyId: 'DISPERKIM',
    defaultComplexity: 'NO_FIELD_CHECK',
    group: 'Lingkungan',
    keywords: ['pohon', 'taman'],
  },
  {
    code: 'KETERTIBAN',
    name: 'Ketertiban umum',
    nameEn: 'Public order',
    description: 'PKL di trotoar, bangunan liar, gangguan ketertiban.',
    agencyId: 'SATPOLPP',
    defaultComplexity: 'NO_FIELD_CHECK',
    group: 'Ketertiban',
    keywords: ['pkl', 'trotoar', 'ketertiban'],
  },
  {
    code: 'ADMINDUK',
    name: 'Layanan administrasi kependudukan',
    nameEn: 'Civil registration services',
    description: 'KTP-el, KK, akta, dan layanan Dukcapil lainnya.',
    agencyId: 'DISDUKCAPIL',
    defaultComplexity: 'SIMPLE',
    group: 'Layanan publik',
    keywords: ['ktp', 'kk', 'akta', 'dukcapil'],
  },
  {
    code: 'KESEHATAN',
    name: 'Layanan kesehatan',
    nameEn: 'Health services',
    description: 'Puskesmas, layanan kesehatan, dan jaminan kesehatan daerah.',
    agencyId: 'DKK',
    defaultComplexity: 'NO_FIELD_CHECK',
    group: 'Layanan publik',
    keywords: ['puskesmas', 'kesehatan'],
  },
  {
    code: 'BENCANA',
    name: 'Bencana dan kedaruratan',
    nameEn: 'Disaster and emergency',
    description: 'Tanah longsor, rumah roboh, dan kejadian darurat non-kebakaran.',
    agencyId: 'BPBD',
    defaultComplexity: 'FIELD_CHECK',
    group: 'Kedaruratan',
    keywords: ['longsor', 'bencana'],
    // an emergency: the agency must act the next working day
    serviceLevel: { firstActionDays: 1 },
  },
  {
    code: 'LAINNYA',
    name: 'Lainnya',
    nameEn: 'Other',
    description: 'Hal lain; meja pengaduan kota menentukan perangkat daerah yang berwenang.',
    agencyId: 'SETDA',
    defaultComplexity: 'NO_FIELD_CHECK',
    group: 'Lainnya',
    keywords: [],
  },
];

/** The default categories, as records of version 1. */
export const defaultCategories = (at: Date): Category[] =>
  SEEDS.map((s) => ({
    ...s,
    serviceLevel: {
      ...DEFAULT_SERVICE_LEVEL,
      ...s.serviceLevel,
      answerDays: { ...DEFAULT_SERVICE_LEVEL.answerDays, ...s.serviceLevel?.answerDays },
    },
    active: true,
    version: 1,
    updatedAt: at.toISOString(),
  }));
