/** What the severity and clock rules read of a complaint (ComplaintFacts), an ordinary one unless told otherwise. */
import type { ComplaintFacts } from '../../src/domain/contracts.ts';

export function complaintFacts(receivedAt: Date, over: Partial<ComplaintFacts> = {}): ComplaintFacts {
  return {
    channel: 'phone',
    receivedAt,
    level: null,
    qualification: 'valid',
    categoryId: null,
    complainantCount: 1,
    flags: {},
    repeatCount: 0,
    similarCount: 1,
    resolved: false,
    ...over,
  };
}
