/**
 * The casework cards of the complaint page, each only where it applies: attachments always; the special
 * report for hot / major complaints; weekly progress and the emergency response for major ones;
 * corrective action for valid complaints; "add to case library" once closed. The server has the last word
 * (403 / 409 answers are shown on the panel).
 */
import type { ReactNode } from 'react';
import { Card } from 'antd';
import type { Complaint } from '../../../api/types.ts';
import { useT } from '../../../i18n/i18n-context.tsx';
import { useAuth } from '../../meta/auth-context.tsx';
import { AttachmentsCard } from '../../attachments/components/attachments-card.tsx';
import { SpecialReportPanel } from './special-report-panel.tsx';
import { ProgressPanel } from './progress-panel.tsx';
import { EmergencyPanel } from './emergency-panel.tsx';
import { CapaPanel } from './capa-panel.tsx';
import { AddCasePanel } from './add-case-panel.tsx';

const SPECIAL_REPORT_LEVELS = ['hot', 'major'];
const MAJOR = 'major';

export function CaseworkCards({ complaint: c, version, onChanged }: { complaint: Complaint; version: string; onChanged: () => void }) {
  const t = useT();
  const { user } = useAuth();
  const canAct = !!user && user.role !== 'auditor';
  const open = c.status !== 'closed';
  const card = (key: string, title: string, body: ReactNode) => (
    <Card key={key} size="small" title={title} style={{ marginBottom: 16 }} className="casework-card" data-testid={`card-${key}`}>
      {body}
    </Card>
  );
  return (
    <>
      {card('attachments', t('attachments.title'), <AttachmentsCard complaintId={c.id} canAdd={canAct} onAdded={onChanged} />)}
      {c.level &&
        SPECIAL_REPORT_LEVELS.includes(c.level) &&
        card('special-report', t('sr.cardTitle'), <SpecialReportPanel complaintId={c.id} version={version} onChanged={onChanged} />)}
      {c.level === MAJOR &&
        card('progress', t('progress.title'), <ProgressPanel complaintId={c.id} open={open} version={version} onChanged={onChanged} />)}
      {c.level === MAJOR &&
        card(
          'emergency',
          t('em.title'),
          <EmergencyPanel complaintId={c.id} policyId={c.policyId} version={version} onChanged={onChanged} />,
        )}
      {c.qualification === 'valid' &&
        card('capa', t('capa.title'), <CapaPanel complaintId={c.id} version={version} onChanged={onChanged} />)}
      {!open && canAct && card('case', t('case.addTitle'), <AddCasePanel complaintId={c.id} />)}
    </>
  );
}
