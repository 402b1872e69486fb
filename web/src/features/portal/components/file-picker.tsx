/**
 * The portal's photo and document picker, in plain elements (#20): the chosen files listed with a thumbnail
 * for an image, each removable. A file over the size limit, or past the count, is not added, and the customer
 * is told which and why (R-IN-2: evidence goes with the complaint; a file silently left out would be lost).
 */
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../../i18n/i18n-context.tsx';
import { ACCEPTED_TYPES, MAX_BYTES } from '../../attachments/api.ts';

const MAX_FILES = 6;

function Thumbnail({ file }: { file: File }) {
  const url = useMemo(() => (file.type.startsWith('image/') ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  if (!url) return <span className="portal-file-icon">{file.name.split('.').pop()?.toUpperCase() ?? ''}</span>;
  return <img src={url} alt="" />;
}

export function FilePicker({ id, files, onChange }: { id: string; files: File[]; onChange: (files: File[]) => void }) {
  const t = useT();
  const [refused, setRefused] = useState<string[]>([]);

  const add = (chosen: File[]) => {
    const kept = [...files];
    const notes: string[] = [];
    for (const f of chosen) {
      if (f.size > MAX_BYTES) notes.push(t('portal.photoTooBig', { name: f.name }));
      else if (kept.length >= MAX_FILES) notes.push(t('portal.photoTooMany', { name: f.name, max: MAX_FILES }));
      else kept.push(f);
    }
    setRefused(notes);
    onChange(kept);
  };

  return (
    <div>
      <label className="plain-button" htmlFor={id}>
        {t('portal.photosAdd')}
        <input
          id={id}
          className="plain-file-input"
          type="file"
          multiple
          accept={ACCEPTED_TYPES}
          data-testid="portal-photos"
          onChange={(e) => {
            add(Array.from(e.target.files ?? []));
            // The same file may be chosen again after it was removed.
            e.target.value = '';
          }}
        />
      </label>
      {refused.map((m) => (
        <div key={m} className="portal-file-refused" role="alert">
          {m}
        </div>
      ))}
      {files.length > 0 && (
        <ul className="portal-files">
          {files.map((f, i) => (
            <li key={`${f.name}-${f.size}-${f.lastModified}-${i}`} className="portal-file">
              <Thumbnail file={f} />
              <span className="portal-file-name">{f.name}</span>
              <button
                type="button"
                className="plain-button"
                aria-label={`${t('common.delete')} ${f.name}`}
                onClick={() => {
                  setRefused([]);
                  onChange(files.filter((_, j) => j !== i));
                }}
              >
                {t('common.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
