/** The intake body's type lives with the intake plan (src/domain/intake); the web client imports it from here. */
export type { NewComplaintInput } from '../domain/intake/intake-input.ts';
