/** Weekly progress of a major complaint (Vanke 5.5.2.4): the entries, oldest first, and a new one while it is open. */
import { Alert, Button, Form, Input, List, Spin, Typography } from 'antd';
import { useT } from '../../../i18n/i18n-context.tsx';
import { formatTime } from '../../../components/format.ts';
import { addProgress, listProgress } from '../api.ts';
import { useCaseworkRecord } from '../use-casework-record.ts';

export function ProgressPanel({
  complaintId,
  open,
  version,
  onChanged,
}: {
  complaintId: string;
  open: boolean;
  version: string;
  onChanged?: () => void;
}) {
  const t = useT();
  const { record, loaded, loadError, busy, error, run, canAct } = useCaseworkRecord(
    () => listProgress(complaintId),
    [complaintId, version],
    onChanged,
  );
  const [form] = Form.useForm<{ text: string }>();
  if (loadError) return <Alert type="error" title={loadError} />;
  if (!loaded) return <Spin size="small" />;
  const items = record?.items ?? [];
  return (
    <div data-testid="progress-panel">
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('progress.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(e) => (
            <List.Item>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {formatTime(e.at)} · {e.author ?? ''}
                </Typography.Text>
                <span className="pre-wrap">{e.text}</span>
              </div>
            </List.Item>
          )}
        />
      )}
      {canAct && open && (
        <Form
          form={form}
          name="progress"
          layout="vertical"
          style={{ marginTop: 8 }}
          onFinish={(v) => void run(() => addProgress(complaintId, v.text.trim())).then((ok) => ok && form.resetFields())}
        >
          <Form.Item
            name="text"
            label={t('progress.new')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 5000 }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          <Button htmlType="submit" loading={busy}>
            {t('progress.add')}
          </Button>
        </Form>
      )}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 8 }} />}
    </div>
  );
}
