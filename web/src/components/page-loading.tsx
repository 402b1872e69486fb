import { Spin } from 'antd';

/** Lazy pages load in a moment; a small spinner in place avoids a dark full-screen flash. */
export function PageLoading() {
  return (
    <div className="page-loading">
      <Spin />
    </div>
  );
}
