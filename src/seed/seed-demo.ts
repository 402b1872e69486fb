/**
 * Demo data on an empty database (never in production): the organisation, one user per role and a
 * few dozen complaints taken through the real use cases to various stages, with event times spread
 * over the days since each was received.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../data/schema.ts';
import { createUserIfMissing } from '../use-cases/auth.ts';
import { createComplaint } from '../use-cases/create-complaint.ts';
import { performAction } from '../use-cases/perform-action.ts';
import type { Action } from '../domain/lifecycle/index.ts';
import type { Actor } from '../data/complaint-store.ts';
import { findPack } from '../policies/index.ts';
import { categoryKind } from '../use-cases/pack-lookup.ts';
import { replyApprovalRequired } from '../domain/lifecycle/pack-lifecycle.ts';
import type { Category } from '../policies/pack-schema.ts';
import { DEMO_NODES, DEMO_USERS, DEMO_PASSWORD } from './demo-org.ts';
import { DEMO_COMPLAINTS, type DemoComplaint, type DemoStage } from './demo-complaints.ts';

export async function ensureDemoOrganisation(db: Kysely<DB>): Promise<void> {
  for (const n of DEMO_NODES) {
    await db
      .insertInto('org_nodes')
      .values({
        id: n.id,
        parent_id: n.parentId,
        kind: n.kind,
        name: n.name,
        policy_id: n.policyId ?? null,
        settings: JSON.stringify(n.settings ?? {}),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}

export async function seedDemo(
  db: Kysely<DB>,
  now: Date,
  logKey: Buffer,
): Promise<{ users: typeof DEMO_USERS; password: string; complaints: number }> {
  await ensureDemoOrganisation(db);
  const deps = { db, now: () => now, logKey };
  for (const u of DEMO_USERS) await createUserIfMissing(deps, { ...u, password: DEMO_PASSWORD });
  const existing = await db
    .selectFrom('complaints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  let created = 0;
  if (Number(existing?.n ?? 0) === 0) {
    const agent = await db.selectFrom('users').select(['id', 'name']).where('email', '=', 'agent@plaint.demo').executeTakeFirstOrThrow();
    const actor: Actor = { id: agent.id, label: agent.name, role: 'agent' };
    // A reply is approved by a manager, never by its author (R-LC-5).
    const manager = await db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('email', '=', 'manager@plaint.demo')
      .executeTakeFirstOrThrow();
    const approver: Actor = { id: manager.id, label: manager.name, role: 'manager' };
    for (const [i, c] of DEMO_COMPLAINTS.entries()) {
      await seedOne(db, logKey, { actor, approver }, c, now, i);
      created++;
    }
  }
  return { users: DEMO_USERS, password: DEMO_PASSWORD, complaints: created };
}

/** A category named like the hint among those the qualification may file it under (fuel §3–4 sorts them). */
function pickCategory(policyId: string, hint: string | undefined, qualification: 'valid' | 'invalid' | 'suggestion'): string | undefined {
  const pack = findPack(policyId);
  if (!pack || !hint) return undefined;
  const all: Category[] = [];
  const walk = (cs: Category[]) =>
    cs.forEach((c) => {
      all.push(c);
      if (c.children) walk(c.children as Category[]);
    });
  walk(pack.taxonomy);
  const usable = all.filter((c) => (categoryKind(pack, c.id) ?? qualification) === qualification);
  return (usable.find((c) => !c.children?.length && c.nameZh.includes(hint)) ?? usable.find((c) => c.nameZh.includes(hint)))?.id;
}

const STAGE_STEPS: Record<DemoStage, number> = {
  received: 0,
  invalid: 1,
  suggestion: 1,
  qualified: 1,
  dispatched: 2,
  acknowledged: 3,
  investigated: 4,
  replied: 5,
  disputed: 6,
  confirmed: 6,
  closed: 8,
};

async function seedOne(
  db: Kysely<DB>,
  logKey: Buffer,
  { actor, approver }: { actor: Actor; approver: Actor },
  c: DemoComplaint,
  now: Date,
  index: number,
): Promise<void> {
  const local = new Date(now.getTime() + 8 * 3600_000); // Asia/Shanghai wall clock
  local.setUTCDate(local.getUTCDate() - c.daysAgo);
  local.setUTCHours(c.hour, (index * 7) % 60, 0, 0);
  let t = new Date(Math.min(local.getTime() - 8 * 3600_000, now.getTime() - 60_000));
  const step = Math.max(60_000, Math.floor((now.getTime() - t.getTime()) / 10));
  const at = () => (t = new Date(Math.min(t.getTime() + step, now.getTime())));
  const unit = DEMO_NODES.find((n) => n.id === c.unitId)!;
  const categoryId = pickCategory(unit.policyId!, c.categoryHint, c.stage === 'invalid' || c.stage === 'suggestion' ? c.stage : 'valid');
  // The unit's own setting, else its pack's default (issue #15 item 1).
  const needsApproval = replyApprovalRequired(unit.settings, findPack(unit.policyId!)!);
  const { complaint } = await createComplaint({ db, now: () => t, logKey }, actor, {
    unitId: c.unitId,
    channel: c.channel,
    receivedAt: t.toISOString(),
    customer: c.customer,
    title: c.title,
    content: c.content,
    demands: c.demands,
    categoryId,
    complainantCount: c.complainantCount,
    flags: c.flags,
    batchNo: c.batchNo,
  });
  const steps: Action[] = [];
  if (c.stage === 'invalid' || c.stage === 'suggestion') {
    steps.push({
      type: 'qualify',
      result: c.stage,
      categoryId,
      // R-Q-2: an invalid qualification names one of the pack's invalid reasons.
      ...(c.stage === 'invalid' ? { invalidReasonId: 'unrelated' } : {}),
      reason: c.stage === 'invalid' ? '经核实与本公司无关（R-Q-2）' : '属于意见建议，已转相关部门参考',
    });
  } else {
    steps.push(
      { type: 'qualify', result: 'valid', categoryId },
      { type: 'dispatch', leadDepartmentId: `${c.unitId}-${c.dept}` },
      { type: 'acknowledge', note: '已收到，安排专人跟进' },
      {
        type: 'report',
        cause: '经现场核查，问题属实，原因为施工/作业环节未按规范执行。',
        sequence: '客户来电反映后，责任部门当日到现场核实并记录。',
        responsible: '当班责任人',
        conclusion: '投诉有效，责任在我方。',
        countermeasures: '已安排整改并向客户致歉。',
        prevention: '加强作业规范培训，纳入月度检查。',
      },
      { type: 'reply', message: '您好，您反映的问题已核实，我们已安排整改，给您带来不便深表歉意。' },
    );
    if (needsApproval) steps.push({ type: 'approve_reply' });
    if (c.stage === 'disputed') steps.push({ type: 'dispute', reason: '客户认为整改不彻底，问题仍然存在' });
    else
      steps.push(
        { type: 'confirm', note: '客户认可处理结果' },
        { type: 'visit', score: c.score ?? 4, comment: '回访客户表示满意' },
        { type: 'close' },
      );
  }
  let n = STAGE_STEPS[c.stage];
  if (needsApproval && n >= 5) n++;
  for (const action of steps.slice(0, n)) {
    await performAction({ db, now: at, logKey }, action.type === 'approve_reply' ? approver : actor, complaint.id, action);
  }
}
