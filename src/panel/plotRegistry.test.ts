import { describe, expect, it } from 'vitest';
import { PlotRegistry, type PlotRenderer } from './plotRegistry';

const plot = (id: string): PlotRenderer => ({ id, title: id, render: () => {} });

describe('PlotRegistry', () => {
  it('lists plots in panel order, replaces one re-registered under its id, and unregisters', () => {
    const r = new PlotRegistry();
    const offEig = r.register(plot('eig'), 1);
    r.register(plot('hidden'), 0);
    expect(r.list().map((p) => p.id)).toEqual(['hidden', 'eig']);
    const eig2 = plot('eig');
    r.register(eig2);
    expect(r.list().map((p) => p.id)).toEqual(['hidden', 'eig']);
    expect(r.get('eig')).toBe(eig2);
    // A stale unregister (of the replaced plot) leaves the new one.
    offEig();
    expect(r.get('eig')).toBe(eig2);
  });
});
