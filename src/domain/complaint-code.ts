/** The complaint code: TS-<local day of receipt>-<sequence number>, e.g. TS-20261123-0042. */
export function complaintCode(localDay: string, n: number): string {
  return `TS-${localDay.replaceAll('-', '')}-${String(n).padStart(4, '0')}`;
}
