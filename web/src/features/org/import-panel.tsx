/** Import of the tree and its people from one workbook (issue #16 item 2): check first (dry run), then import; wrong rows listed. */
import { useState } from 'react';
import { Alert, Button, Space, Table, Typography, Upload } from 'antd';
import { useT } from '../../i18n/i18n-context.tsx';
import { useErrorReporter } from '../../components/use-error-reporter.ts';
import { importWorkbook, templateUrl, type ImportRowError } from './api.ts';

export function ImportPanel({ onImported }: { onImported: () => void }) {
  const t = useT();
  const report = useErrorReporter();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'ok' | 'error'; text: string; rows: ImportRowError[] } | null>(null);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await importWorkbook(file, dryRun);
      if (!r.ok) return setOutcome({ kind: 'error', text: r.rows.length ? t('org.importErrors') : r.message, rows: r.rows });
      const counts = { nodes: r.result.nodes.length, users: r.result.users.length };
      setOutcome({
        kind: 'ok',
        text: dryRun ? t('org.importPreview', counts) : t('org.importDone', { ...counts, invite: r.result.needsInvite.join(', ') || '—' }),
        rows: [],
      });
      if (!dryRun) onImported();
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="org-import">
      <Typography.Paragraph type="secondary">{t('org.importIntro')}</Typography.Paragraph>
      <Space wrap>
        <a href={templateUrl()} download>
          {t('org.template')}
        </a>
        <Upload
          accept=".xlsx"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setOutcome(null);
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <Button>{t('org.chooseFile')}</Button>
        </Upload>
        <Button disabled={!file} loading={busy} onClick={() => void run(true)} data-testid="org-import-preview">
          {t('org.preview')}
        </Button>
        <Button type="primary" disabled={!file} loading={busy} onClick={() => void run(false)} data-testid="org-import-run">
          {t('org.runImport')}
        </Button>
      </Space>
      {outcome && (
        <Alert style={{ marginTop: 12 }} type={outcome.kind === 'ok' ? 'success' : 'error'} title={outcome.text} showIcon role="status" />
      )}
      {outcome?.rows.length ? (
        <Table<ImportRowError>
          style={{ marginTop: 8 }}
          size="small"
          rowKey={(r) => `${r.sheet}-${r.row}-${r.field}`}
          pagination={false}
          dataSource={outcome.rows}
          columns={[
            { title: t('org.sheet'), dataIndex: 'sheet', width: 80 },
            { title: t('org.row'), dataIndex: 'row', width: 60 },
            { title: t('org.field'), dataIndex: 'field', width: 100 },
            { title: t('org.reason'), dataIndex: 'reason' },
          ]}
        />
      ) : null}
    </div>
  );
}
