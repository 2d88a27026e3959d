import { useUi } from '../state/uiStore';

/** Which execution provider actually runs the policy, with the reason on hover. */
export function EpBadge() {
  const ep = useUi((s) => s.ep);
  if (!ep)
    return (
      <span className="badge" data-testid="ep-badge">
        EP …
      </span>
    );
  const ms = ep.measured[ep.ep];
  return (
    <span
      className={`badge ep-${ep.ep}`}
      data-testid="ep-badge"
      data-ep={ep.ep}
      title={`${ep.reason}. Measured: ${JSON.stringify(ep.measured)}. crossOriginIsolated: ${ep.crossOriginIsolated}`}
    >
      {ep.ep}
      {typeof ms === 'number' ? ` · ${ms.toFixed(2)} ms` : ''}
    </span>
  );
}
