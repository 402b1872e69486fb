/**
 * Issue #14, item 6: a reply about a complaint carries its code in the subject, as Plaint's own
 * messages put it (`Re: [TS-20261204-0033] 答复`), or as a customer types it, without brackets or in
 * lower case. The code's shape is complaint-code.ts's: TS-<day, 8 digits>-<number, 4 digits or more>.
 */
const CODE = /(?<![A-Za-z0-9])TS-(\d{8})-(\d{4,9})(?!\d)/i;

/** The first complaint code in `subject`, upper-cased, or null. */
export function complaintCodeInSubject(subject: string | null | undefined): string | null {
  const m = (subject ?? '').match(CODE);
  return m ? `TS-${m[1]}-${m[2]}` : null;
}
