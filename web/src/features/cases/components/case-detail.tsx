/** One case: where and when, its classification, the anonymised account and the lessons learned. */
import { Alert, Descriptions, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/i18n-context.tsx';
import { useAsync } from '../../../components/use-async.ts';
import { formatTime } from '../../../components/format.ts';
import { describeError } from '../../../components/use-error-reporter.ts';
import { useLabels } from '../../meta/use-labels.ts';
import { getCase } from '../api.ts';

export function CaseDetail({ id }: { id: string }) {
  const t = useT();
  const labels = useLabels();
  const { data: c, error } = useAsync(() => getCase(id), [id]);
  if (error) return <Alert type="error" title={describeError(error, t)} />;
  if (!c) return <Spin />;
  return (
    <div data-testid="case-detail">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {c.title}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('cases.complaint')}>
          <Link to={`/complaints/${c.complaintId}`}>{c.complaintCode}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.classification')}>
          <Tag>{c.classification}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.unit')}>{labels.unit(c.unitId)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.category')}>{labels.category(c.categoryId, c.policyId)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.level')}>{labels.level(c.policyId, c.level)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.period')}>{`${formatTime(c.receivedAt)} → ${formatTime(c.closedAt)}`}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('cases.summary')}</Typography.Title>
      <Typography.Paragraph className="pre-wrap">{c.summary || t('common.none')}</Typography.Paragraph>
      <Typography.Title level={5}>{t('cases.lessons')}</Typography.Title>
      <Typography.Paragraph className="pre-wrap">{c.lessons}</Typography.Paragraph>
    </div>
  );
}
