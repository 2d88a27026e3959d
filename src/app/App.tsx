import type { Runtime } from './runtime';
import { ArmScene } from '../scene/ArmScene';
import { Controls } from '../ui/Controls';
import { ControllerPicker } from '../ui/ControllerPicker';
import { Surgery } from '../ui/Surgery';
import { OpenInLab } from '../ui/OpenInLab';
import { EpBadge } from '../ui/EpBadge';
import { Readouts } from '../ui/Readouts';
import { DynamicsReadouts } from '../ui/DynamicsReadouts';
import { RecordPanel } from '../ui/RecordPanel';
import { HiddenStatePlot } from '../panel/HiddenStatePlot';
import { EigenPlot } from '../panel/EigenPlot';
import { eigenPlotTitle } from '../panel/eigenPlotView';
import { useUi } from '../state/uiStore';

/** Layout: the 3D scene on the left, the dynamics panel on the right. */
export function App({ runtime }: { runtime: Runtime }) {
  const status = useUi((s) => s.status);
  const error = useUi((s) => s.error);
  const card = useUi((s) => s.card);
  return (
    <div className="app" data-status={status} data-testid="app">
      <main className="stage">
        <ArmScene snapshots={runtime.snapshots} />
        {status === 'booting' && <div className="boot">Loading physics and policy…</div>}
      </main>
      <aside className="panel">
        <header className="panel-head">
          <h1>Eigenplay</h1>
          <EpBadge />
        </header>
        {error && (
          <div className="error" role="alert" data-testid="error" data-code={error.code}>
            {error.message}
          </div>
        )}
        <ControllerPicker runtime={runtime} />
        <Controls runtime={runtime} />
        <Readouts snapshots={runtime.snapshots} />
        <section className="plot-block">
          <h2>Hidden state</h2>
          <HiddenStatePlot
            snapshots={runtime.snapshots}
            card={card}
            dynamics={runtime.dynamics}
            onRefit={() => void runtime.refitDynamics()}
          />
        </section>
        <section className="plot-block">
          <div className="plot-title">
            <h2>{eigenPlotTitle(card)}</h2>
            <OpenInLab />
          </div>
          <EigenPlot
            snapshots={runtime.snapshots}
            card={card}
            dynamics={runtime.dynamics}
            onKick={(p, n) => void runtime.kickEigen(p, n)}
          />
          <Surgery runtime={runtime} />
        </section>
        <DynamicsReadouts runtime={runtime} />
        <RecordPanel runtime={runtime} />
      </aside>
    </div>
  );
}
