/** An attachment as the API shows it. Types only: the web client imports it as is. */
export interface AttachmentView {
  id: string;
  complaintId: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
  createdBy: string | null;
}
