import { useEffect, useState } from 'react';

/**
 * A list that hangs off a complaint (its notifications, its messages to the customer), loaded again when
 * the complaint's version changes (an action may have added to it); null while loading, [] when it fails.
 */
export function useComplaintList<T>(
  load: (complaintId: string) => Promise<T[]>,
  complaintId: string,
  version: number | string,
): T[] | null {
  const [items, setItems] = useState<T[] | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new complaint version (an action) reloads the list
  useEffect(() => {
    let live = true;
    load(complaintId).then(
      (r) => live && setItems(r),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [complaintId, version]);
  return items;
}
