/** Named queue filters kept in this browser's localStorage (a view is the queue's URL search string). */
const KEY = 'plaint.queueViews';

export interface SavedView {
  name: string;
  search: string;
}

export function loadViews(): SavedView[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((v): v is SavedView => typeof v?.name === 'string' && typeof v?.search === 'string') : [];
  } catch {
    return [];
  }
}

export function saveViews(views: SavedView[]): void {
  localStorage.setItem(KEY, JSON.stringify(views));
}
