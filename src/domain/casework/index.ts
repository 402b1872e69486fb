/** Casework after intake: special reports, weekly progress, the emergency plan, CAPA / 8D, the case library. */
export * from './progress.ts';
export * from './emergency.ts';
export * from './capa.ts';
export * from './anonymise.ts';
export * from './trend.ts';
export * from './special-report.ts';
export * from './emergency-opening.ts';
