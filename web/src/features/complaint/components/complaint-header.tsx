import { Space, Tag, Typography } from 'antd';
import type { Complaint } from '../../../api/types.ts';
import { useT } from '../../../i18n/i18n-context.tsx';
import { useLabels } from '../../meta/use-labels.ts';
import { LevelTag, StatusTag } from '../../../components/tags.tsx';
import { formatTime } from '../../../components/format.ts';

export function ComplaintHeader({ complaint: c }: { complaint: Complaint }) {
  const t = useT();
  const labels = useLabels();
  return (
    <div style={{ marginBottom: 12 }}>
      <Space wrap align="center">
        <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }} data-testid="complaint-code">
          {c.code}
        </Typography.Title>
        <StatusTag status={c.status} />
        <LevelTag policyId={c.policyId} level={c.level} rule={c.levelRule} />
        {c.repeatCount > 0 && <Tag color="red">{t('queue.repeat', { n: c.repeatCount })}</Tag>}
      </Space>
      <Typography.Title level={4} style={{ marginTop: 8 }}>
        {c.title}
      </Typography.Title>
      <Typography.Text type="secondary">
        {c.unitName} · {labels.channel(c.channel)} · {t('complaint.received', { time: formatTime(c.receivedAt) })}
      </Typography.Text>
    </div>
  );
}
