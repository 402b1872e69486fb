/**
 * Each complaint's signature totals (src/domain/similarity/score.ts), kept per process by complaint
 * id. A signature is written once, at intake, and never changes, so an entry is never stale; the
 * totals follow the scoring rules of the code that computed them, which are this process's own.
 * Intake's candidates then travel as the few features they share with the new text instead of their
 * whole signature: parsing ~115 signatures per intake was a third of the server's time on the
 * realistic mix (docs/PERFORMANCE.md, "Intake"). A complaint taken in by another process, or before
 * this one started, is read once.
 */
import { CompiledQuery } from 'kysely';
import { signatureTotals, type SignatureTotals } from '../domain/similarity/index.ts';
import type { Db } from './complaint-store.ts';

// Complaints of the last 30 days at the busiest units, with room to spare: ~60 bytes an entry.
const MAX_ENTRIES = 200_000;
const totals = new Map<string, SignatureTotals>();

export function rememberTotals(complaintId: string, signature: readonly string[]): SignatureTotals {
  if (totals.size >= MAX_ENTRIES) {
    // Map keeps insertion order: the oldest tenth goes, the recent complaints intake asks about stay.
    let drop = MAX_ENTRIES / 10;
    for (const id of totals.keys()) {
      totals.delete(id);
      if (--drop === 0) break;
    }
  }
  const t = signatureTotals(signature);
  totals.set(complaintId, t);
  return t;
}

/** The totals of every id, reading the signatures this process has not seen yet in one query. */
export async function totalsOf(db: Db, ids: readonly string[]): Promise<Map<string, SignatureTotals>> {
  const out = new Map<string, SignatureTotals>();
  const missing: string[] = [];
  for (const id of ids) {
    const t = totals.get(id);
    if (t) out.set(id, t);
    else missing.push(id);
  }
  if (missing.length) {
    const r = await db.executeQuery<{ id: string; signature: string[] }>(
      CompiledQuery.raw('SELECT id, signature FROM complaints WHERE id = ANY($1::uuid[])', [missing]),
    );
    for (const row of r.rows) out.set(row.id, rememberTotals(row.id, row.signature));
  }
  return out;
}
