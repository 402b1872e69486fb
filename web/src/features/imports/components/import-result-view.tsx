/** The answer of a dry run or an import: counts, then every bad row with the column and the reason. */
import { Alert, Card, Col, Row, Statistic, Table } from 'antd';
import { useT } from '../../../i18n/i18n-context.tsx';
import type { ImportResult } from '../api.ts';

export function ImportResultView({ result, dryRun }: { result: ImportResult; dryRun: boolean }) {
  const t = useT();
  return (
    <Card
      title={dryRun ? t('imports.dryRunResult') : t('imports.importResult')}
      className="import-result"
      data-testid={dryRun ? 'import-dry-run-result' : 'import-result'}
    >
      <Row gutter={[16, 16]}>
        <Col xs={12} sm={6} data-testid="import-stat-rows-read">
          <Statistic title={t('imports.rowsRead')} value={result.rowsRead} />
        </Col>
        <Col xs={12} sm={6} data-testid="import-stat-created">
          <Statistic title={dryRun ? t('imports.wouldCreate') : t('imports.created')} value={result.created} />
        </Col>
        <Col xs={12} sm={6} data-testid="import-stat-duplicates">
          <Statistic title={t('imports.duplicates')} value={result.duplicates} />
        </Col>
        <Col xs={12} sm={6} data-testid="import-stat-error-rows">
          <Statistic title={t('imports.errorCount')} value={new Set(result.errors.map((e) => e.row)).size} />
        </Col>
      </Row>
      {result.errors.length > 0 && dryRun && <Alert type="warning" showIcon title={t('imports.errorsSkipped')} style={{ marginTop: 16 }} />}
      {result.errors.length > 0 && (
        <Table
          className="import-errors"
          aria-label={t('imports.errors')}
          style={{ marginTop: 16 }}
          size="small"
          rowKey={(e) => `${e.row}:${e.column}:${e.reason}`}
          dataSource={result.errors}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('imports.errorRow'), dataIndex: 'row', width: 80 },
            { title: t('imports.errorColumn'), dataIndex: 'column', width: 160 },
            { title: t('imports.errorReason'), dataIndex: 'reason' },
          ]}
        />
      )}
    </Card>
  );
}
