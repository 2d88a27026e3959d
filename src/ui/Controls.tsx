import { useRef, useState } from 'react';
import type { EpPreference } from '../../workers/contracts';
import type { Runtime } from '../app/runtime';
import { uiStore, useUi } from '../state/uiStore';

/** Largest seed a link or scenario file carries (2^31 − 1). */
const SEED_MAX = 2 ** 31 - 1;

/** Run controls: pause, reset with a seed, EP preference, target mode, bring-your-own policy. */
export function Controls({ runtime }: { runtime: Runtime }) {
  const running = useUi((s) => s.running);
  const seed = useUi((s) => s.seed);
  /** What the user typed while it is not a valid seed (shown, named, never applied). */
  const [seedDraft, setSeedDraft] = useState<string | undefined>(undefined);
  const mode = useUi((s) => s.mode);
  const ep = useUi((s) => s.epPreference);
  const status = useUi((s) => s.status);
  const fileRef = useRef<HTMLInputElement>(null);
  // An export drives the sim tick by tick: nothing else may step, reset or swap it meanwhile.
  const exporting = useUi((s) => s.recording.kind === 'export');
  const disabled = status !== 'ready' || exporting;

  const onFiles = async (files: FileList | null) => {
    if (!files) return;
    const list = [...files];
    const model = list.find((f) => f.name.toLowerCase().endsWith('.onnx'));
    const card = list.find((f) => f.name.toLowerCase().endsWith('.json'));
    if (!model || !card) {
      uiStore.setState({
        error: {
          code: 'BAD_INPUT',
          message:
            'Choose two files together: model.onnx and its card.json (policy contract v1, see README).',
        },
      });
      return;
    }
    await runtime.loadUserPolicy(new Uint8Array(await model.arrayBuffer()), await card.text());
    if (fileRef.current) fileRef.current.value = '';
  };

  return (
    <section className="controls">
      <button
        data-testid="btn-run"
        disabled={disabled}
        onClick={() => void runtime.setRunning(!running)}
      >
        {running ? 'Pause' : 'Run'}
      </button>
      <label>
        seed{' '}
        <input
          data-testid="input-seed"
          type="number"
          min={0}
          step={1}
          max={SEED_MAX}
          value={seedDraft ?? seed}
          aria-invalid={seedDraft !== undefined}
          onChange={(e) => {
            // The same rule as ?seed= and scenario files, so a link always replays this run.
            const text = e.target.value;
            const n = text.trim() === '' ? NaN : Number(text);
            if (Number.isInteger(n) && n >= 0 && n <= SEED_MAX) {
              setSeedDraft(undefined);
              uiStore.setState({ seed: n, error: undefined });
            } else {
              setSeedDraft(text);
              uiStore.setState({
                error: {
                  code: 'BAD_INPUT',
                  message: `seed "${text}" is not an integer in [0, ${SEED_MAX}]; Reset keeps seed ${uiStore.getState().seed}`,
                },
              });
            }
          }}
          onBlur={() => setSeedDraft(undefined)}
        />
      </label>
      <select
        data-testid="select-mode"
        value={mode}
        onChange={(e) => uiStore.setState({ mode: e.target.value as 'center-out' | 'annulus' })}
      >
        <option value="center-out">8 targets</option>
        <option value="annulus">random targets</option>
      </select>
      <button data-testid="btn-reset" disabled={disabled} onClick={() => void runtime.reset()}>
        Reset
      </button>
      <label title="Execution provider for the policy: auto measures both and keeps the faster">
        EP{' '}
        <select
          data-testid="select-ep"
          value={ep}
          disabled={disabled}
          onChange={(e) => void runtime.setEp(e.target.value as EpPreference)}
        >
          <option value="auto">auto</option>
          <option value="wasm">wasm</option>
          <option value="webgpu">webgpu</option>
        </select>
      </label>
      <button data-testid="btn-load" disabled={disabled} onClick={() => fileRef.current?.click()}>
        Load policy…
      </button>
      <input
        ref={fileRef}
        data-testid="input-policy"
        type="file"
        accept=".onnx,.json"
        multiple
        hidden
        onChange={(e) => void onFiles(e.target.files)}
      />
    </section>
  );
}
