/**
 * 导入 / Import: a ledger of past complaints (.xlsx, .csv, .tsv). The browser reads a CSV/TSV's first rows
 * to offer its columns; the user maps columns to fields (remembered per header in localStorage), sets the
 * default unit and channel, runs a dry run (nothing written: counts and every bad row), and only then
 * imports. Any change to the file, the header switch, the mapping or the defaults asks for a new dry run.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Space, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { Navigate } from 'react-router-dom';
import { useAuth } from '../features/meta/auth-context.tsx';
import { useT } from '../i18n/i18n-context.tsx';
import { useErrorReporter } from '../components/use-error-reporter.ts';
import {
  runImport,
  REQUIRED_FIELDS,
  IMPORT_FIELDS,
  type ImportDefaults,
  type ImportMapping,
  type ImportResult,
} from '../features/imports/api.ts';
import { fileKind, headerSignature, loadMapping, previewFile, saveMapping, PREVIEW_ROWS } from '../features/imports/preview.ts';
import { fieldKey, MappingTable, type ColumnOption } from '../features/imports/components/mapping-table.tsx';
import { ImportResultView } from '../features/imports/components/import-result-view.tsx';
import { zhCN } from '../i18n/zh-CN.ts';
import { enUS } from '../i18n/en-US.ts';

/** A header cell naming a field in either language (or by its API name) maps itself. */
function guessMapping(headerRow: readonly string[]): ImportMapping {
  const norm = (s: string) =>
    s
      .replace(/[（(].*$/, '')
      .trim()
      .toLowerCase();
  const out: ImportMapping = {};
  for (const field of IMPORT_FIELDS) {
    const names = [field, zhCN[fieldKey(field)], enUS[fieldKey(field)]].map(norm);
    const hit = headerRow.find((h) => h.trim() !== '' && names.includes(norm(h)));
    if (hit !== undefined) out[field] = field === 'content' ? [hit.trim()] : hit.trim();
  }
  return out;
}

/** The page is there only for roles the server lets import; others (a typed URL) go back to the queue. */
export default function ImportsPage() {
  const { can } = useAuth();
  return can('complaint.import') ? <ImportConsole /> : <Navigate to="/" replace />;
}

function ImportConsole() {
  const t = useT();
  const report = useErrorReporter();
  const [file, setFile] = useState<File | null>(null);
  const [rows, setRows] = useState<string[][] | null>(null);
  const [header, setHeader] = useState(true);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [defaults, setDefaults] = useState<ImportDefaults>({});
  const [restored, setRestored] = useState(false);
  const [busy, setBusy] = useState<'dry' | 'import' | null>(null);
  const [dryRun, setDryRun] = useState<{ result: ImportResult; inputs: string } | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);

  const kind = file ? fileKind(file.name) : null;
  const signature = kind === 'xlsx' ? `xlsx:${header}` : headerSignature(header, rows?.[0]);

  // A new file (or header switch) brings back the mapping last used for the same header, or a guess.
  useEffect(() => {
    if (!signature) return;
    const saved = loadMapping(signature);
    setRestored(saved !== null);
    if (saved) {
      setMapping(saved.mapping);
      setDefaults(saved.defaults);
    } else if (header && rows?.[0]) setMapping(guessMapping(rows[0]));
    else setMapping({});
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the header's shape changes
  }, [signature]);

  const chooseFile = async (f: File) => {
    setFile(f);
    setDryRun(null);
    setImported(null);
    try {
      setRows(await previewFile(f));
    } catch (err) {
      setRows(null);
      report(err);
    }
  };

  const columns = useMemo<ColumnOption[] | null>(() => {
    if (kind === 'xlsx' || !rows?.[0]) return null;
    const width = Math.max(...rows.map((r) => r.length));
    const first = rows[0];
    return Array.from({ length: width }, (_, i) => {
      const n = i + 1;
      const name = header ? (first[i] ?? '').trim() : '';
      // A header name unless it is empty or repeated; then the column's number.
      const byName = name !== '' && first.filter((c) => c.trim() === name).length === 1;
      const sample = (header ? rows[1] : rows[0])?.[i] ?? '';
      return {
        value: byName ? name : String(n),
        label: byName
          ? `${name}（${t('imports.columnN', { n })}）`
          : `${t('imports.columnN', { n })}${sample ? `：${sample.slice(0, 20)}` : ''}`,
      };
    });
  }, [rows, header, kind, t]);

  const missing = REQUIRED_FIELDS.filter((f) => mapping[f] === undefined && defaults[f] === undefined);
  const inputs = file ? JSON.stringify([file.name, file.size, file.lastModified, header, mapping, defaults]) : '';
  const dryRunCurrent = dryRun !== null && dryRun.inputs === inputs;

  const send = async (dry: boolean) => {
    if (!file) return;
    setBusy(dry ? 'dry' : 'import');
    try {
      const result = await runImport({ file, header, mapping, defaults, dryRun: dry });
      saveMapping(signature, { mapping, defaults });
      if (dry) {
        setDryRun({ result, inputs });
        setImported(null);
      } else {
        setImported(result);
        setDryRun(null);
      }
    } catch (err) {
      report(err);
    } finally {
      setBusy(null);
    }
  };

  const previewWidth = rows ? Math.max(...rows.map((r) => r.length), 0) : 0;
  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('imports.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('imports.intro')}</Typography.Paragraph>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card title={t('imports.file')}>
          <Space wrap align="center">
            <Upload
              accept=".xlsx,.csv,.tsv"
              multiple={false}
              maxCount={1}
              showUploadList={false}
              beforeUpload={(f) => {
                void chooseFile(f as File);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>{t('imports.chooseFile')}</Button>
            </Upload>
            {file && <Typography.Text data-testid="import-file-name">{file.name}</Typography.Text>}
            <Checkbox checked={header} onChange={(e) => setHeader(e.target.checked)}>
              {t('imports.header')}
            </Checkbox>
          </Space>
          {kind === 'xlsx' && <Alert type="info" showIcon title={t('imports.xlsxNoPreview')} style={{ marginTop: 12 }} />}
          {rows && rows.length > 0 && (
            <>
              <Typography.Text type="secondary" style={{ display: 'block', margin: '12px 0 4px' }}>
                {t('imports.preview', { count: PREVIEW_ROWS })}
              </Typography.Text>
              <Table
                className="import-preview"
                size="small"
                pagination={false}
                scroll={{ x: 'max-content' }}
                rowKey={(r) => String(r.n)}
                dataSource={rows.map((cells, i) => ({ n: i + 1, cells }))}
                columns={[
                  { title: t('imports.previewRow'), dataIndex: 'n', width: 56 },
                  ...Array.from({ length: previewWidth }, (_, i) => ({
                    title: t('imports.columnN', { n: i + 1 }),
                    key: String(i),
                    render: (_: unknown, r: { n: number; cells: string[] }) => (
                      <Typography.Text strong={header && r.n === 1} ellipsis style={{ maxWidth: 200 }}>
                        {r.cells[i] ?? ''}
                      </Typography.Text>
                    ),
                  })),
                ]}
              />
            </>
          )}
        </Card>

        {file && (
          <Card title={t('imports.mapping')} extra={<Typography.Text type="secondary">{t('imports.requiredHint')}</Typography.Text>}>
            {restored && <Alert type="success" showIcon title={t('imports.rememberedMapping')} style={{ marginBottom: 12 }} />}
            <MappingTable columns={columns} mapping={mapping} defaults={defaults} onMapping={setMapping} onDefaults={setDefaults} />
            <Space wrap style={{ marginTop: 16 }}>
              <Button onClick={() => void send(true)} loading={busy === 'dry'} disabled={missing.length > 0 || busy !== null}>
                {t('imports.dryRun')}
              </Button>
              <Button
                type="primary"
                onClick={() => void send(false)}
                loading={busy === 'import'}
                disabled={!dryRunCurrent || busy !== null}
              >
                {t('imports.confirm')}
              </Button>
              {missing.length > 0 ? (
                <Typography.Text type="warning" data-testid="import-missing">
                  {t('imports.missingRequired', { fields: missing.map((f) => t(fieldKey(f))).join('、') })}
                </Typography.Text>
              ) : (
                !dryRunCurrent && <Typography.Text type="secondary">{t('imports.confirmHint')}</Typography.Text>
              )}
            </Space>
          </Card>
        )}

        {dryRun && dryRunCurrent && <ImportResultView result={dryRun.result} dryRun />}
        {imported && <ImportResultView result={imported} dryRun={false} />}
      </Space>
    </>
  );
}
