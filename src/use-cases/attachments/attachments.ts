/**
 * Evidence files on a complaint (R-LC-1, R-IN-2 photos). The type is decided by the content (magic
 * bytes), never by the name or the declared type; only images (JPEG, PNG, WebP, GIF) and PDF are
 * kept. Bytes are stored outside the web root, content-addressed under
 * <dir>/<sha256[0..2]>/<sha256> (the same file twice is stored once); the metadata row and an
 * `attachment_added` event in the complaint's hash-chained log are written in one transaction.
 * The caller has already checked the user's role and scope.
 */
import type { AttachmentView } from './attachment-view.ts';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Deps, Actor } from '../context.ts';
import { appendEvents, lockComplaint } from '../../data/complaint-store.ts';
import {
  attachmentAddedSeqs,
  countAttachmentsBy,
  findAttachmentRow,
  insertAttachment,
  listAttachmentsOfComplaint,
  type AttachmentRow,
} from '../../data/attachment-store.ts';
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import { inTransaction } from '../../data/transaction.ts';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type SniffedType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif' | 'application/pdf';

/** The media type from the first bytes, or null when it is none of the accepted ones. */
export function sniffType(b: Buffer): SniffedType | null {
  const starts = (sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x47, 0x49, 0x46, 0x38]) && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61) return 'image/gif';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return null;
}

const EXTENSION: Record<SniffedType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
};

/** A display name without directories, control characters or quotes; the extension follows the content. */
export function safeFilename(name: string | undefined, mime: SniffedType): string {
  let base = (name ?? '').split(/[\\/]/).pop() ?? '';
  base = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a file name must not keep
    .replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '')
    .replace(/^\.+/, '')
    .trim();
  if (base.length > 150) base = base.slice(0, 150);
  const stem = base.replace(/\.[^.]*$/, '') || 'attachment';
  return `${stem}.${EXTENSION[mime]}`;
}

export function storagePath(dir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('bad content hash');
  return path.join(dir, sha256.slice(0, 2), sha256);
}

export async function storeBytes(dir: string, sha256: string, bytes: Buffer): Promise<void> {
  const target = storagePath(dir, sha256);
  try {
    await fs.access(target);
    return; // already stored: content-addressed, deduplicated
  } catch {
    /* not yet stored */
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${randomUUID()}.tmp`;
  await fs.writeFile(tmp, bytes, { mode: 0o640 });
  await fs.rename(tmp, target); // atomic: a reader never sees half a file
}

/** A customer adds photos of what happened in the portal (R-IN-2), up to this many per complaint. */
export const MAX_PORTAL_ATTACHMENTS = 6;

export interface AddAttachmentOptions {
  /**
   * At most this many attachments by the same actor (the portal's customer: created_by null) on the
   * complaint. Counted inside the transaction that adds, under the complaint's row lock, so parallel
   * uploads cannot pass it together; beyond it, CONFLICT (409).
   */
  maxByActor?: number;
}

const overCap = (max: number) => new DomainError('CONFLICT', `at most ${max} files can be added from the portal`);

export async function addAttachment(
  deps: Deps,
  actor: Actor,
  complaintId: string,
  file: { bytes: Buffer; filename?: string },
  dir: string,
  opts: AddAttachmentOptions = {},
): Promise<AttachmentView> {
  if (file.bytes.length === 0) throw invalid('file', 'is empty');
  if (file.bytes.length > MAX_ATTACHMENT_BYTES)
    throw new DomainError('PAYLOAD_TOO_LARGE', `attachments are limited to ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
  const mime = sniffType(file.bytes);
  if (!mime) {
    throw Object.assign(new Error('only JPEG, PNG, WebP, GIF images and PDF documents are accepted (the content decides, not the name)'), {
      statusCode: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  }
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const filename = safeFilename(file.filename, mime);
  // A first look before the bytes are written, so a full complaint takes no more files onto disk;
  // the count that decides is the one in the transaction below.
  if (opts.maxByActor !== undefined && (await countAttachmentsBy(deps.db, complaintId, actor.id)) >= opts.maxByActor)
    throw overCap(opts.maxByActor);
  // Bytes first: a crash between the two leaves an unreferenced file, never a row without bytes.
  await storeBytes(dir, sha256, file.bytes);
  const id = randomUUID();
  const now = deps.now();
  await inTransaction(deps.db, async (trx) => {
    const row = await lockComplaint(trx, complaintId);
    if (!row) throw notFound(`complaint '${complaintId}'`);
    if (opts.maxByActor !== undefined && (await countAttachmentsBy(trx, complaintId, actor.id)) >= opts.maxByActor)
      throw overCap(opts.maxByActor);
    await insertAttachment(trx, {
      id,
      complaint_id: complaintId,
      filename,
      mime,
      size: file.bytes.length,
      sha256,
      created_at: now,
      created_by: actor.id,
    });
    await appendEvents(
      trx,
      deps.logKey,
      complaintId,
      [{ type: 'attachment_added', data: { attachmentId: id, filename, mime, size: file.bytes.length, sha256 } }],
      actor,
      now,
    );
  });
  return { id, complaintId, filename, mime, size: file.bytes.length, sha256, createdAt: now.toISOString(), createdBy: actor.id };
}

const toView = (r: AttachmentRow): AttachmentView => ({
  id: r.id,
  complaintId: r.complaint_id,
  filename: r.filename,
  mime: r.mime,
  size: Number(r.size),
  sha256: r.sha256,
  createdAt: new Date(r.created_at).toISOString(),
  createdBy: r.created_by,
});

export async function listAttachments(deps: Deps, complaintId: string): Promise<AttachmentView[]> {
  const rows = await listAttachmentsOfComplaint(deps.db, complaintId);
  // In the order they were added: the position of their attachment_added event in the log.
  const order = await attachmentAddedSeqs(deps.db, complaintId);
  return rows.map(toView).sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0) || a.createdAt.localeCompare(b.createdAt));
}

export async function findAttachment(deps: Deps, id: string): Promise<AttachmentView | undefined> {
  const row = await findAttachmentRow(deps.db, id);
  return row ? toView(row) : undefined;
}

export async function readAttachmentBytes(dir: string, sha256: string): Promise<Buffer> {
  try {
    return await fs.readFile(storagePath(dir, sha256));
  } catch {
    throw notFound('attachment content');
  }
}
