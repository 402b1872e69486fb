/** Who does something to a complaint: a user (id), or the system / the portal (no id). */
export interface Actor {
  id: string | null;
  label: string;
  role: string;
  orgNodeId?: string | null;
}
