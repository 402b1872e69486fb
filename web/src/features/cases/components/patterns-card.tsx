/** Recurring patterns: unit and category pairs whose monthly complaint counts rise, with a small trend and linked cases. */
import { Alert, Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/i18n-context.tsx';
import { useAsync } from '../../../components/use-async.ts';
import { describeError } from '../../../components/use-error-reporter.ts';
import { useLabels } from '../../meta/use-labels.ts';
import { getPatterns } from '../api.ts';

export function PatternsCard() {
  const t = useT();
  const labels = useLabels();
  const { data, error, loading } = useAsync(() => getPatterns(6), []);
  return (
    <Card size="small" title={t('cases.patterns')} data-testid="case-patterns">
      {error ? (
        <Alert type="error" title={describeError(error, t)} />
      ) : (
        <List
          size="small"
          loading={loading && !data}
          dataSource={data?.patterns ?? []}
          locale={{ emptyText: t('cases.noPatterns') }}
          renderItem={(p) => (
            <List.Item>
              <div style={{ minWidth: 0, width: '100%' }}>
                <Space wrap size={4}>
                  <Typography.Text strong>{labels.unit(p.unitId)}</Typography.Text>
                  <Typography.Text>· {labels.category(p.categoryId)}</Typography.Text>
                  {p.rising && <Tag color="red">{t('cases.rising')}</Tag>}
                </Space>
                <div className="pattern-months" role="img" aria-label={t('cases.perMonth')}>
                  {p.months.map((m) => (
                    <span key={m.month}>
                      {m.month.slice(2)}: <b>{m.count}</b>
                    </span>
                  ))}
                </div>
                {p.cases.length > 0 && (
                  <Space wrap size={4}>
                    {p.cases.map((c) => (
                      <Link key={c.id} to={`/cases/${c.id}`}>
                        {c.title}
                      </Link>
                    ))}
                  </Space>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
