import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { PolicyCard } from '../control/policyCard';
import type { EpPreference, EpReport } from '../../workers/contracts';
import type { TargetMode } from '../sim/reachTask';
import { DEFAULT_CONTROLLER } from '../app/controllers';

/** UI state that changes at human speed (never per frame). */
export interface UiState {
  status: 'booting' | 'ready' | 'error';
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
}

export const uiStore = createStore<UiState>(() => ({
  status: 'booting',
  epPreference: 'auto',
  seed: 1,
  mode: 'center-out',
  running: true,
  controller: DEFAULT_CONTROLLER,
  knobs: {},
}));

export function useUi<T>(select: (s: UiState) => T): T {
  return useStore(uiStore, select);
}
