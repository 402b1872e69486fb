/**
 * The body of POST /api/complaints as the intake use case takes it. Types only, with no runtime
 * imports, so the web client checks its intake form against this very type.
 */
import type { Channel } from '../contracts.ts';

export interface NewComplaintInput {
  unitId: string;
  channel: Channel;
  receivedAt?: string;
  customer: { name: string; phone?: string; email?: string; type?: string };
  title: string;
  content: string;
  demands?: string;
  categoryId?: string;
  complainantCount?: number;
  incident?: { occurredAt?: string; place?: string };
  flags?: { media?: boolean; lawsuit?: boolean; safety?: boolean };
  batchNo?: string;
  /** The delivery the complaint names (油品批次 / 配送单号; fuel §5: quality complaints about one delivery). */
  deliveryRef?: string;
  /** Cases (箱) affected, when known (S0 food 10.1.1.1g: more than 20 is a batch). */
  casesAffected?: number;
}
