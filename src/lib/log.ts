/**
 * The one logging module. Silent by default; namespaces are switched on with `?debug=sim,policy`
 * in the page URL or `EIGENPLAY_DEBUG=sim,policy` in Node. A disabled namespace's logger is
 * `undefined`, so `debug?.(...)` costs one property read when off.
 */
export type Namespace = 'sim' | 'policy' | 'app' | 'panel' | 'train' | 'bench';
export type DebugFn = (...args: unknown[]) => void;

function enabledNamespaces(): Set<string> {
  let spec = '';
  const g = globalThis as {
    location?: { search?: string };
    name?: string;
    process?: { env?: Record<string, string | undefined> };
  };
  // Workers see their own URL, so the page passes its query in the worker's name ("sim?debug=…").
  const workerQuery =
    typeof g.name === 'string' && g.name.includes('?') ? g.name.slice(g.name.indexOf('?')) : '';
  const search = workerQuery || g.location?.search || '';
  if (search) spec = new URLSearchParams(search).get('debug') ?? '';
  else if (g.process?.env?.EIGENPLAY_DEBUG) spec = g.process.env.EIGENPLAY_DEBUG;
  return new Set(spec.split(',').filter(Boolean));
}

const enabled = enabledNamespaces();

/** Returns a logger for `ns`, or undefined when the namespace is off. */
export function createDebug(ns: Namespace): DebugFn | undefined {
  if (!enabled.has(ns) && !enabled.has('*')) return undefined;
  // eslint-disable-next-line no-console
  return (...args: unknown[]) => console.debug(`[${ns}]`, ...args);
}

const warned = new Set<string>();

/** Warns once per distinct message; returns whether it printed. */
export function warnOnce(ns: Namespace, message: string): boolean {
  const key = `${ns}:${message}`;
  if (warned.has(key)) return false;
  warned.add(key);
  // eslint-disable-next-line no-console
  console.warn(`[${ns}] ${message}`);
  return true;
}

/** Errors the user must see in the console even when debugging is off. */
export function logError(ns: Namespace, message: string, err?: unknown): void {
  // eslint-disable-next-line no-console
  console.error(`[${ns}] ${message}`, err ?? '');
}
