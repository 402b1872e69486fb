import { useState } from 'react';
import { Button, Descriptions, Tooltip, Typography } from 'antd';
import type { Complaint } from '../../../api/types.ts';
import { useI18n, useT } from '../../../i18n/i18n-context.tsx';
import { useMeta } from '../../meta/meta-context.tsx';
import { useLabels } from '../../meta/use-labels.ts';
import { formatTime } from '../../../components/format.ts';
import { useErrorReporter } from '../../../components/use-error-reporter.ts';
import { getContact } from '../api.ts';

const REPORT_FIELDS = ['cause', 'sequence', 'responsible', 'conclusion', 'countermeasures', 'prevention'] as const;

/** Masked contact details (R-IN-4) with a button that fetches them in full; the server logs the view. */
function Contact({ complaintId, phone, email }: { complaintId: string; phone: string | null; email: string | null }) {
  const t = useT();
  const report = useErrorReporter();
  const [full, setFull] = useState<{ phone: string | null; email: string | null } | null>(null);
  const masked = [phone, email].some((v) => v?.includes('***'));
  const shown = full ?? { phone, email };
  return (
    <>
      {[shown.phone, shown.email].filter(Boolean).join(' · ') || t('common.none')}
      {masked && !full && (
        <Tooltip title={t('complaint.contactLogged')}>
          <Button size="small" type="link" onClick={() => getContact(complaintId).then(setFull, report)}>
            {t('complaint.showContact')}
          </Button>
        </Tooltip>
      )}
    </>
  );
}

export function ComplaintDetails({ complaint: c }: { complaint: Complaint }) {
  const { t, pick } = useI18n();
  const meta = useMeta();
  const labels = useLabels();
  const cause = (id: string) => meta.packs.get(c.policyId)?.causes?.find((x) => x.id === id);
  const causeName = (id: string) => {
    const found = cause(id);
    return found ? pick(found.nameZh, found.name) : id;
  };
  const hasMatrix = !!meta.packs.get(c.policyId)?.responsibility;
  const flags = Object.entries(c.flags ?? {})
    .filter(([, on]) => on)
    .map(([f]) => ({ media: t('field.flagMedia'), lawsuit: t('field.flagLawsuit'), safety: t('field.flagSafety') })[f] ?? f);
  const items = [
    { key: 'content', label: t('field.content'), children: <span className="pre-wrap">{c.content}</span>, span: 'filled' as const },
    {
      key: 'demands',
      label: t('field.demands'),
      children: <span className="pre-wrap">{c.demands || t('common.none')}</span>,
      span: 'filled' as const,
    },
    {
      key: 'customer',
      label: t('field.customer'),
      children: c.customer.type ? `${c.customer.name} · ${labels.customerType(c.customer.type)}` : c.customer.name,
    },
    {
      key: 'contact',
      label: `${t('field.customerPhone')} / ${t('field.customerEmail')}`,
      children: <Contact complaintId={c.id} phone={c.customer.phone} email={c.customer.email} />,
    },
    { key: 'category', label: t('field.category'), children: labels.category(c.categoryId, c.policyId) },
    { key: 'qualification', label: t('field.result'), children: labels.qualification(c.qualification) },
    { key: 'department', label: t('field.department'), children: labels.unit(c.leadDepartmentId) },
    { key: 'count', label: t('field.complainantCount'), children: c.complainantCount },
    { key: 'incidentAt', label: t('field.incidentAt'), children: formatTime(c.incident?.occurredAt) },
    { key: 'incidentPlace', label: t('field.incidentPlace'), children: c.incident?.place || t('common.none') },
    { key: 'flags', label: t('field.flags'), children: flags.length ? flags.join('、') : t('common.none') },
    { key: 'batch', label: t('field.batchNo'), children: c.batchNo || t('common.none') },
    ...(c.deliveryRef ? [{ key: 'delivery', label: t('field.deliveryRef'), children: c.deliveryRef }] : []),
    ...(c.categoryCount > 1 ? [{ key: 'categoryCount', label: t('complaint.categoryCount'), children: c.categoryCount }] : []),
    ...(c.directPerson ? [{ key: 'directPerson', label: t('field.directPerson'), children: c.directPerson }] : []),
    ...(c.casesAffected !== null ? [{ key: 'cases', label: t('field.casesAffected'), children: c.casesAffected }] : []),
    // #15 item 5: the departments the pack's responsibility table (S0 food 10) assigned, with the clause.
    ...(hasMatrix || c.responsibility
      ? [
          {
            key: 'responsibility',
            label: t('field.responsibleDepartments'),
            children: c.responsibility ? (
              <span data-testid="responsibility">
                {c.responsibility.departments.map((d) => pick(d.nameZh, d.name)).join('、')}
                <Typography.Text type="secondary"> （§{c.responsibility.clause}）</Typography.Text>
              </span>
            ) : (
              <Typography.Text type="secondary">{t('complaint.responsibilityPending')}</Typography.Text>
            ),
          },
        ]
      : []),
    { key: 'repeat', label: t('complaint.repeatCount'), children: c.repeatCount },
    { key: 'satisfaction', label: t('complaint.satisfaction'), children: c.satisfaction ?? t('common.none') },
    ...(c.closeReason ? [{ key: 'closeReason', label: t('complaint.closeReason'), children: c.closeReason }] : []),
  ];
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={items} />
      {c.report && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('complaint.report')}
          </Typography.Title>
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              ...(c.report.causeId ? [{ key: 'causeId', label: t('field.causeId'), children: causeName(c.report.causeId) }] : []),
              ...REPORT_FIELDS.map((f) => ({
                key: f,
                label: t(`field.${f}`),
                children: <span className="pre-wrap">{c.report?.[f] ?? ''}</span>,
              })),
            ]}
          />
        </>
      )}
      {c.reply && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('complaint.reply')} {c.reply.approved === false && t('complaint.replyPending')}
          </Typography.Title>
          <Typography.Paragraph className="pre-wrap">{c.reply.message}</Typography.Paragraph>
        </>
      )}
    </>
  );
}
