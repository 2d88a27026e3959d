import { useRef, useState } from 'react';
import type { QuadRuntime } from '../app/quadRuntime';
import type { Runtime } from '../app/runtime';
import { GAIT_NAMES, type GaitName } from '../control/cpg/gaits';
import { CPG_EXPERT_ID } from '../control/cpg/cpgExpertCard';
import { parseScenario, quadScenario, scenarioJson } from '../record/scenario';
import { saveBlob } from '../record/stills';
import { COMMAND_LIMITS, LIMITS } from '../sim/quadruped/quadRun';
import { TERRAIN_KINDS, type TerrainKind } from '../sim/quadruped/terrain';
import { setQuad, uiStore, useUi } from '../state/uiStore';
import { SHIPPED_CONTROLLERS } from '../app/controllers';
import { Slider } from './Slider';
import { pushesToParam } from '../app/quadUrl';
import { TimelineEditor } from './TimelineEditor';

const GAIT_TITLES: Record<GaitName, string> = {
  trot: 'diagonal pairs together (FR+RL, FL+RR): the expert’s steadiest gait',
  pace: 'lateral pairs together',
  bound: 'front pair, then rear pair; fragile under the expert below ~0.4 m/s',
  walk: 'one leg at a time, three on the ground',
  pronk: 'all four together; survives only seconds to tens of seconds',
};

const fmt = (digits: number, unit: string) => (v: number) => `${v.toFixed(digits)} ${unit}`;

/** Run or pause, the scenario's seed, Reset, and which controller drives. */
export function QuadRunBar({ quad }: { quad: QuadRuntime }) {
  const run = useUi((s) => s.quad.run);
  const running = useUi((s) => s.quad.running);
  const ready = useUi((s) => s.quad.status === 'ready');
  return (
    <section className="controls">
      <button
        data-testid="quad-run"
        disabled={!ready}
        onClick={() => void quad.setRunning(!running)}
      >
        {running ? 'Pause' : 'Run'}
      </button>
      <label>
        seed{' '}
        <input
          data-testid="quad-seed"
          type="number"
          min={0}
          step={1}
          value={run.seed}
          onChange={(e) =>
            setQuad({
              run: { ...run, seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) },
            })
          }
        />
      </label>
      <button
        data-testid="quad-reset"
        disabled={!ready}
        title="Restart the scenario from t = 0: seed, terrain, gait, command, friction, payload and push timeline (sculpting is undone)"
        onClick={() => void quad.reset()}
      >
        Reset
      </button>
      <span
        className="controller-tag"
        title="The CPG expert: CPG + foot map + leg IK, speed and heading feedback. Learned quad policies plug in here when they ship."
      >
        controller: CPG expert
      </span>
    </section>
  );
}

/**
 * The quadruped's settings: terrain kind, difficulty and seed with
 * Regenerate (new ground under the running robot); gait; commanded speed and yaw rate (also the
 * keyboard on the view); friction and payload; the sculpt brush; the push timeline; the
 * scenario as a file. Every control is a native button, select or slider.
 */
export function QuadControls({ runtime, quad }: { runtime: Runtime; quad: QuadRuntime }) {
  const run = useUi((s) => s.quad.run);
  const ready = useUi((s) => s.quad.status === 'ready');
  const brush = useUi((s) => s.quad.brush);
  const fileRef = useRef<HTMLInputElement>(null);

  const download = () => {
    const { quad: q, camera } = uiStore.getState();
    const s = quadScenario(q.run, CPG_EXPERT_ID, camera);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    saveBlob(
      new Blob([scenarioJson(s)], { type: 'application/json' }),
      `eigenplay-quadruped-seed${s.seed}-${stamp}-scenario.json`,
    );
  };
  const load = async (files: FileList | null) => {
    const f = files?.[0];
    if (!f) return;
    await runtime.guard('loading the scenario', async () => {
      const s = parseScenario(JSON.parse(await f.text()), [
        ...SHIPPED_CONTROLLERS.map((c) => c.id),
        CPG_EXPERT_ID,
      ]);
      await runtime.applyScenario(s);
    });
    if (fileRef.current) fileRef.current.value = '';
  };

  return (
    <div className="quad-controls">
      <h2>Terrain</h2>
      <TerrainControls key={JSON.stringify(run.terrain)} quad={quad} />

      <h2>Gait and command</h2>
      <section className="gait-picker" role="radiogroup" aria-label="Gait">
        {GAIT_NAMES.map((g) => (
          <button
            key={g}
            type="button"
            role="radio"
            aria-checked={run.gait === g}
            data-testid={`gait-${g}`}
            title={GAIT_TITLES[g]}
            disabled={!ready}
            onClick={() => void quad.setGait(g)}
          >
            {g}
          </button>
        ))}
      </section>
      <Slider
        label="speed"
        testId="cmd-vx"
        min={COMMAND_LIMITS.vx[0]}
        max={COMMAND_LIMITS.vx[1]}
        step={0.05}
        value={run.command.vx}
        format={fmt(2, 'm/s')}
        title="Commanded forward speed (↑/↓ or W/S on the view); the expert tracks 0.3-1.0 m/s"
        disabled={!ready}
        onChange={(vx) => void quad.setCommand({ ...run.command, vx })}
      />
      <Slider
        label="yaw rate"
        testId="cmd-yaw"
        min={COMMAND_LIMITS.yawRate[0]}
        max={COMMAND_LIMITS.yawRate[1]}
        step={0.05}
        value={run.command.yawRate}
        format={fmt(2, 'rad/s')}
        title="Commanded turn rate, + turns left (←/→ or A/D on the view, X straight)"
        disabled={!ready}
        onChange={(yawRate) => void quad.setCommand({ ...run.command, yawRate })}
      />

      <h2>Body</h2>
      <Slider
        label="friction"
        testId="friction"
        min={0.1}
        max={LIMITS.friction}
        step={0.05}
        value={run.friction}
        format={(v) => `μ ${v.toFixed(2)}`}
        title="Friction coefficient of feet and ground"
        disabled={!ready}
        onChange={(mu) => void quad.setFriction(mu)}
      />
      <Slider
        label="payload"
        testId="payload"
        min={0}
        max={LIMITS.payload}
        step={0.5}
        value={run.payload}
        format={fmt(1, 'kg')}
        title="Extra mass on the trunk (the robot weighs 12.5 kg)"
        disabled={!ready}
        onChange={(kg) => void quad.setPayload(kg)}
      />

      <h2>Sculpt</h2>
      <section className="controls">
        <button
          type="button"
          data-testid="brush-toggle"
          aria-pressed={brush.active}
          disabled={!ready}
          title="Brush mode: click or drag on the ground raises it, Shift lowers it"
          onClick={() => setQuad({ brush: { ...brush, active: !brush.active } })}
        >
          {brush.active ? '✎ Brush on' : '✎ Brush'}
        </button>
        <span className="muted">click/drag raises · Shift lowers</span>
      </section>
      <Slider
        label="radius"
        testId="brush-radius"
        min={0.1}
        max={1.5}
        step={0.05}
        value={brush.radius}
        format={fmt(2, 'm')}
        onChange={(radius) => setQuad({ brush: { ...brush, radius } })}
      />
      <Slider
        label="per dab"
        testId="brush-step"
        min={0.005}
        max={0.1}
        step={0.005}
        value={brush.step}
        format={(v) => `${(100 * v).toFixed(1)} cm`}
        onChange={(step) => setQuad({ brush: { ...brush, step } })}
      />

      <h2>Push timeline</h2>
      <TimelineEditor key={pushesToParam(run.perturbations)} quad={quad} />

      <section className="controls scenario-row">
        <span className="muted">scenario</span>
        <button type="button" data-testid="quad-scenario-download" onClick={download}>
          download
        </button>
        <button type="button" onClick={() => fileRef.current?.click()}>
          load…
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="quad-scenario-file"
          onChange={(e) => void load(e.target.files)}
        />
      </section>
    </div>
  );
}

/**
 * Terrain kind, difficulty and seed as a draft (keyed by the applied spec, so a reset or a loaded
 * scenario shows its own), applied by Regenerate under the running robot.
 */
function TerrainControls({ quad }: { quad: QuadRuntime }) {
  const terrain = useUi((s) => s.quad.run.terrain);
  const ready = useUi((s) => s.quad.status === 'ready');
  const [kind, setKind] = useState<TerrainKind>(terrain.kind);
  const [difficulty, setDifficulty] = useState(terrain.difficulty);
  const [terrainSeed, setTerrainSeed] = useState(terrain.seed);
  const dirty =
    kind !== terrain.kind || difficulty !== terrain.difficulty || terrainSeed !== terrain.seed;
  const regenerate = () =>
    void quad.regenerate({ ...terrain, kind, difficulty, seed: terrainSeed });
  return (
    <>
      <section className="controls">
        <select
          data-testid="terrain-kind"
          aria-label="terrain kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as TerrainKind)}
        >
          {TERRAIN_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <label title="Seed of the noise, stone layout and jitter">
          seed{' '}
          <input
            data-testid="terrain-seed"
            type="number"
            min={0}
            step={1}
            value={terrainSeed}
            onChange={(e) => setTerrainSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
          />
        </label>
        <button
          data-testid="terrain-regenerate"
          className={dirty ? 'primary' : undefined}
          disabled={!ready}
          title="New ground under the running robot (it is lifted onto it); becomes the scenario's terrain"
          onClick={regenerate}
        >
          Regenerate
        </button>
      </section>
      <Slider
        label="difficulty"
        testId="terrain-difficulty"
        min={0}
        max={1}
        step={0.05}
        value={difficulty}
        format={(v) => v.toFixed(2)}
        title="The expert is blind: it trips on rough ground above ~0.2, hills from 0.3, slopes from 0.6, stairs from 0.3, any stepping-stone gap"
        onChange={setDifficulty}
      />
    </>
  );
}
