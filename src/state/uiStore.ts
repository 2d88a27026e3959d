import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { PolicyCard } from '../control/policyCard';
import type { EpPreference, EpReport } from '../../workers/contracts';
import type { TargetMode } from '../sim/reachTask';
import { DEFAULT_CONTROLLER } from '../app/controllers';
import type { CameraKey, Robot } from '../record/scenario';
import { DEFAULT_QUAD_RUN, type QuadRunOptions } from '../sim/quadruped/quadRun';
import type { ClipSpec } from '../record/clipSpec';
import type { EigenPoint } from '../panel/eigenPlotView';
import { DEFAULT_CLIP } from '../record/clipSpec';

/** The quadruped's UI state. */
export interface QuadUiState {
  /** 'off' until the quadruped is first shown (its worker starts lazily). */
  status: 'off' | 'booting' | 'ready';
  /** What Reset starts, as the controls have set it (live edits apply to the running robot too). */
  run: QuadRunOptions;
  /** The user's run/pause choice (the worker is paused anyway while the arm is shown). */
  running: boolean;
  /** Sculpt brush: on or off, radius (m) and height change per dab (m). */
  brush: { active: boolean; radius: number; step: number };
}

/** UI state that changes at human speed (never per frame). */
export interface UiState {
  status: 'booting' | 'ready' | 'error';
  /** The robot on stage; the other one is paused. */
  robot: Robot;
  quad: QuadUiState;
  card?: PolicyCard;
  ep?: EpReport;
  epPreference: EpPreference;
  seed: number;
  mode: TargetMode;
  running: boolean;
  /** The shipped controller running (an id of SHIPPED_CONTROLLERS), or 'custom' for a user's. */
  controller: string;
  /** Set while a controller switch is loading. */
  switching?: string;
  /** Knob values sent to the running policy (eigenvalue surgery); the card has the defaults. */
  knobs: Record<string, number>;
  /** The last error shown to the user: message names the value and the fix. */
  error?: { code?: string; message: string };
  /** Milliseconds from runtime start to the first snapshot that moved the arm. */
  firstMoveMs?: number;
  /** Milliseconds from runtime start until the policy was loaded, physics loaded, and the sim ready. */
  startup?: { policyMs: number; physicsMs: number; readyMs: number };
  /** The scenario's camera path for exported clips (empty: the view as the user left it). */
  camera: CameraKey[];
  /** The last eigenvalue kick (click on the eigenvalue plot), as applied by the policy worker. */
  kick?: {
    label: string;
    amplitude: number;
    /** Policy step before which it was added. */
    step: number;
    point: EigenPoint;
    policyId: string;
  };
  /** The record panel's settings. */
  clip: ClipSpec;
  /** What the recorder is doing; updated a few times a second at most, never per frame. */
  recording: RecordingState;
}

export type RecordingState =
  | { kind: 'idle'; last?: RecordedClip }
  /** Stopped; the encoder is flushing and the file is being written. */
  | { kind: 'saving' }
  | { kind: 'realtime'; backend: string; elapsedS: number; frames: number; dropped: number }
  | {
      kind: 'export';
      frame: number;
      frames: number;
      speed: number;
      simMs: number;
      drawMs: number;
      encodeMs: number;
    };

/** The last file the recorder produced, as the panel reports it. */
export interface RecordedClip {
  name: string;
  bytes: number;
  frames: number;
  durationS: number;
  /** Real-time recordings: frame slots missed; exports: always 0. */
  dropped: number;
  mode: 'realtime' | 'export';
  /** Export speed, clip seconds per wall second, and where the wall time went (ms). */
  speed?: number;
  timing?: { simMs: number; drawMs: number; encodeMs: number };
}

export const uiStore = createStore<UiState>(() => ({
  status: 'booting',
  robot: 'arm',
  quad: {
    status: 'off',
    run: DEFAULT_QUAD_RUN,
    running: true,
    brush: { active: false, radius: 0.4, step: 0.03 },
  },
  epPreference: 'auto',
  seed: 1,
  mode: 'center-out',
  running: true,
  controller: DEFAULT_CONTROLLER,
  knobs: {},
  camera: [],
  clip: DEFAULT_CLIP,
  recording: { kind: 'idle' },
}));

/** Updates part of the quadruped's UI state. */
export function setQuad(patch: Partial<QuadUiState>): void {
  uiStore.setState((s) => ({ quad: { ...s.quad, ...patch } }));
}

/** Updates part of the quadruped's run options (what Reset starts). */
export function setQuadRun(patch: Partial<QuadRunOptions>): void {
  uiStore.setState((s) => ({ quad: { ...s.quad, run: { ...s.quad.run, ...patch } } }));
}

export function useUi<T>(select: (s: UiState) => T): T {
  return useStore(uiStore, select);
}
