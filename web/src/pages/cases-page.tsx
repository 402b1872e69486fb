/** 案例库 / Case library: search the anonymised cases, open one (/cases/:caseId), and the recurring patterns. */
import { Alert, Card, Col, Input, Row, Table, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useT } from '../i18n/i18n-context.tsx';
import { useAsync } from '../components/use-async.ts';
import { formatTime } from '../components/format.ts';
import { describeError } from '../components/use-error-reporter.ts';
import { useLabels } from '../features/meta/use-labels.ts';
import { searchCases, type CaseItem } from '../features/cases/api.ts';
import { CaseDetail } from '../features/cases/components/case-detail.tsx';
import { PatternsCard } from '../features/cases/components/patterns-card.tsx';

export default function CasesPage() {
  const t = useT();
  const labels = useLabels();
  const { caseId } = useParams();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const { data, error, loading } = useAsync(() => searchCases({ q: q || undefined }), [q]);
  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('cases.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={caseId ? 10 : 16}>
          <Card size="small">
            <Input.Search
              aria-label={t('cases.search')}
              placeholder={t('cases.searchPlaceholder')}
              defaultValue={q}
              allowClear
              enterButton={t('cases.searchButton')}
              onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {}, { replace: true })}
              style={{ marginBottom: 12 }}
            />
            {error ? (
              <Alert type="error" title={describeError(error, t)} />
            ) : (
              <Table<CaseItem>
                data-testid="case-table"
                size="small"
                rowKey="id"
                loading={loading}
                dataSource={data?.items ?? []}
                pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: q ? t('cases.noMatch') : t('cases.empty') }}
                rowClassName={(r) => (r.id === caseId ? 'ant-table-row-selected' : '')}
                columns={[
                  {
                    title: t('cases.caseTitle'),
                    dataIndex: 'title',
                    render: (title: string, r) => <Link to={`/cases/${r.id}${q ? `?q=${encodeURIComponent(q)}` : ''}`}>{title}</Link>,
                  },
                  { title: t('cases.classification'), dataIndex: 'classification', render: (c: string) => <Tag>{c}</Tag> },
                  { title: t('cases.unit'), dataIndex: 'unitId', render: (u: string) => labels.unit(u) },
                  { title: t('cases.closedAt'), dataIndex: 'closedAt', render: (v: string | null) => formatTime(v) },
                ]}
              />
            )}
          </Card>
        </Col>
        {caseId && (
          <Col xs={24} xl={14}>
            <Card size="small" extra={<Link to={`/cases${q ? `?q=${encodeURIComponent(q)}` : ''}`}>{t('common.back')}</Link>}>
              <CaseDetail id={caseId} />
            </Card>
          </Col>
        )}
        <Col xs={24} xl={caseId ? 24 : 8}>
          <PatternsCard />
        </Col>
      </Row>
    </>
  );
}
