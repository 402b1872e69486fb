/**
 * Evidence on the complaint page: upload one image or PDF at a time (the server checks the content and
 * answers 413 / 415 with its reason, shown under the button), the list in the order added, image
 * thumbnails that open the full picture, PDFs as download links.
 */
import { useState } from 'react';
import { Alert, Button, Empty, List, Space, Typography, Upload } from 'antd';
import { FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/i18n-context.tsx';
import { useAsync } from '../../../components/use-async.ts';
import { formatTime } from '../../../components/format.ts';
import { politeError } from '../../../components/polite-error.ts';
import { ACCEPTED_TYPES, MAX_BYTES, attachmentUrl, listAttachments, uploadAttachment, type Attachment } from '../api.ts';

const sizeLabel = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

function AttachmentItem({ a }: { a: Attachment }) {
  const t = useT();
  const url = attachmentUrl(a.id);
  const image = a.mime.startsWith('image/');
  return (
    <List.Item data-testid="attachment" data-mime={a.mime}>
      <Space align="start">
        {image ? (
          <a
            href={url}
            target="_blank"
            rel="noopener noreferrer"
            className="attachment-thumb"
            aria-label={t('attachments.openImage', { name: a.filename })}
          >
            <img src={url} alt={a.filename} />
          </a>
        ) : (
          <span className="attachment-thumb attachment-icon" aria-hidden>
            <FilePdfOutlined />
          </span>
        )}
        <div className="attachment-meta">
          {image ? (
            <Typography.Text>{a.filename}</Typography.Text>
          ) : (
            <a href={url} download={a.filename} data-testid="attachment-download">
              {t('attachments.download', { name: a.filename })}
            </a>
          )}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {sizeLabel(a.size)} · {formatTime(a.createdAt)}
          </Typography.Text>
        </div>
      </Space>
    </List.Item>
  );
}

export function AttachmentsCard({ complaintId, canAdd, onAdded }: { complaintId: string; canAdd: boolean; onAdded?: () => void }) {
  const t = useT();
  const { data, error, loading, reload } = useAsync(() => listAttachments(complaintId), [complaintId]);
  const [busy, setBusy] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);

  const send = async (file: File) => {
    setUploadError(null);
    if (file.size > MAX_BYTES) {
      setUploadError(t('attachments.tooLarge'));
      return;
    }
    setBusy(true);
    try {
      await uploadAttachment(complaintId, file);
      reload();
      onAdded?.();
    } catch (err) {
      setUploadError(politeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="attachments">
      {canAdd && (
        <div style={{ marginBottom: 12 }}>
          <Upload accept={ACCEPTED_TYPES} showUploadList={false} multiple={false} customRequest={({ file }) => void send(file as File)}>
            <Button icon={<UploadOutlined />} loading={busy} aria-describedby="attachment-hint">
              {t('attachments.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary" id="attachment-hint" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
            {t('attachments.hint')}
          </Typography.Text>
          {uploadError && (
            <Alert type="error" showIcon role="alert" title={uploadError} style={{ marginTop: 8 }} data-testid="attachment-error" />
          )}
        </div>
      )}
      {error ? (
        <Alert type="error" title={politeError(error, t)} />
      ) : data && data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachments.none')} />
      ) : (
        <List size="small" loading={loading && !data} dataSource={data ?? []} renderItem={(a) => <AttachmentItem key={a.id} a={a} />} />
      )}
    </div>
  );
}
