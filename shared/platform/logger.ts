import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one logger. Structured JSON with ids; never request bodies or personal data
 * (complaints carry citizens' NIK, phone and e-mail).
 */
export const logger = new Logger({
  serviceName: 'sinergi',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | 'WARN' | 'ERROR' | 'DEBUG' | 'SILENT' | undefined) ?? 'INFO',
});
