import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { uiStore } from '../state/uiStore';
import { App } from './App';
import { Runtime } from './runtime';
import { parseUrlSettings } from './urlParams';
import { parseQuadUrl } from './quadUrl';
import './app.css';

const settings = parseUrlSettings(window.location.search);
const quadSettings = parseQuadUrl(window.location.search);
const warnings = [...settings.warnings, ...quadSettings.warnings];
uiStore.setState((s) => ({
  robot: quadSettings.robot,
  quad: { ...s.quad, run: quadSettings.run },
  seed: settings.seed,
  epPreference: settings.ep,
  mode: settings.mode,
  controller: settings.controller,
  camera: settings.camera,
  error: warnings.length ? { code: 'BAD_INPUT', message: warnings.join('; ') } : undefined,
}));

const runtime = new Runtime();
// A small read-only handle for browser tests and the benchmark: which EP ran, and tick stats.
(window as unknown as { __eigenplay: object }).__eigenplay = {
  ep: async () => (await runtime.policy.current())?.ep.ep,
  stats: () => runtime.sim.stats(),
  quadStats: () => runtime.quad.api.stats(),
  quadSculptCosts: () => runtime.quad.sculptCosts,
  quadTerrainRev: () => runtime.quad.terrain.rev,
  quadFullTerrainMs: () => runtime.quad.fullTerrainMs,
};
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App runtime={runtime} />
  </StrictMode>,
);
void runtime.start().catch((e: Error & { code?: string }) => {
  uiStore.setState({ status: 'error', error: { code: e.code, message: e.message } });
});
