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
import { RobotSwitch } from '../ui/RobotSwitch';
import { QuadStage } from '../ui/QuadStage';
import { QuadControls, QuadRunBar } from '../ui/QuadControls';
import { QuadReadouts } from '../ui/QuadReadouts';
import { HiddenStatePlot } from '../panel/HiddenStatePlot';
import { EigenPlot } from '../panel/EigenPlot';
import { CpgOrbitPlot } from '../panel/CpgOrbitPlot';
import { eigenPlotTitle } from '../panel/eigenPlotView';
import { CPG_EXPERT_CARD } from '../control/cpg/cpgExpertCard';
import { useUi } from '../state/uiStore';

/**
 * Layout: the 3D stage on the left, the panel on the right, both for the robot on stage (the
 * "Arm | Quadruped" switch in the panel's head). The arm's scene stays mounted (its frame loop
 * stopped) while the quadruped is shown, and the quadruped's from its first showing on, so
 * switching back and forth never creates a WebGL context again.
 */
export function App({ runtime }: { runtime: Runtime }) {
  const status = useUi((s) => s.status);
  const error = useUi((s) => s.error);
  const robot = useUi((s) => s.robot);
  const quadStatus = useUi((s) => s.quad.status);
  const onArm = robot === 'arm';
  return (
    <div className="app" data-status={status} data-robot={robot} data-testid="app">
      <main className="stage">
        <div className="stage-layer" hidden={!onArm}>
          <ArmScene snapshots={runtime.snapshots} active={onArm} />
          {status === 'booting' && <div className="boot">Loading physics and policy…</div>}
        </div>
        {quadStatus !== 'off' && (
          <div className="stage-layer" hidden={onArm}>
            <QuadStage quad={runtime.quad} active={!onArm} />
          </div>
        )}
        {!onArm && quadStatus === 'off' && <div className="boot">Loading the quadruped…</div>}
      </main>
      <aside className="panel">
        <header className="panel-head">
          <h1>Eigenplay</h1>
          <RobotSwitch runtime={runtime} />
          {onArm && <EpBadge />}
        </header>
        {error && (
          <div className="error" role="alert" data-testid="error" data-code={error.code}>
            {error.message}
          </div>
        )}
        {onArm ? <ArmPanel runtime={runtime} /> : <QuadPanel runtime={runtime} />}
      </aside>
    </div>
  );
}

function ArmPanel({ runtime }: { runtime: Runtime }) {
  const card = useUi((s) => s.card);
  return (
    <>
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
    </>
  );
}

/**
 * The quadruped's panel: run bar and readouts, its controller's hidden state (the CPG's four
 * oscillators) and eigenvalues (each leg's per-step phase and amplitude multipliers, with the
 * DMD of the oscillators' trajectory), then terrain, gait, command, body, brush and timeline.
 * TODO(issue 7): clip recording and export drive the arm's sim only; the record panel returns
 * here when the clip studio can step the quadruped's worker.
 */
function QuadPanel({ runtime }: { runtime: Runtime }) {
  const quad = runtime.quad;
  return (
    <>
      <QuadRunBar quad={quad} />
      <QuadReadouts snapshots={quad.snapshots} />
      <section className="plot-block">
        <h2>Hidden state · CPG oscillators (x, y) per leg</h2>
        <CpgOrbitPlot snapshots={quad.snapshots} />
      </section>
      <section className="plot-block">
        <div className="plot-title">
          <h2>{eigenPlotTitle(CPG_EXPERT_CARD)}</h2>
        </div>
        <EigenPlot
          snapshots={quad.snapshots}
          card={CPG_EXPERT_CARD}
          dynamics={runtime.dynamics}
          initialZoom={false}
        />
      </section>
      <QuadControls runtime={runtime} quad={quad} />
    </>
  );
}
