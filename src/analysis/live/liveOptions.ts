/** The 8 center-out directions jPCA is fitted across. */
export const CENTER_OUT_DIRECTIONS = 8;

/**
 * Every knob of the live analysis, with its default. Times are control ticks (60 Hz: 1 tick =
 * 16.7 ms) relative to the go cue. The defaults and the measurements behind them are in the
 * README ("Live dynamics analysis").
 */
export interface LiveDynamicsOptions {
  /**
   * Go-aligned window cut from every reach: ticks [go + startTick, go + startTick + steps).
   * Default −12 … +29 (−200 ms, in the delay with the target shown, to +483 ms, past the end of a
   * 333 ms reach): 42 steps.
   */
  window?: { startTick: number; steps: number };
  /**
   * Ticks relative to the go cue that PCA and the fits use, [from, to). Default [−3, 24): −50 ms
   * (Churchland's start, just before the movement) to +400 ms, the 333 ms reach and the start of
   * its settling on the target. The rotations here run at about 1-2 Hz: Churchland's −50…+150 ms
   * sees too little of a cycle, and its plane wanders between refits (README).
   */
  analysed?: [number, number];
  /**
   * Reaches whose instructed delay (ticks labelled 'delay' just before the go cue) is shorter than
   * this are not averaged. Default: the pre-go part of the window (12 ticks, 200 ms), so every
   * averaged reach shows the target for the whole pre-go window and starts from a prepared state.
   * With delays uniform in 0-1 s that skips a fifth of the reaches and cuts how far the plane
   * moves between refits several-fold (README).
   */
  minDelayTicks?: number;
  /** Complete reaches kept (most recent) and averaged per direction. Default 6. */
  trialsPerCondition?: number;
  /** PCs before the jPCA fit (even). Default 6, the codepack's. */
  k?: number;
  /**
   * Soft-normalisation constant: each unit is divided by (its range + s). A number is s in
   * hidden-state units; `{ medianRange: f }` sets s = f × the median unit range of the current
   * condition averages, which makes the fit independent of the overall scale of the hidden
   * states (median unit ranges run from 0.5, selective SSM, to 3, Transformer). Default `{ medianRange: 0.5 }`: like the
   * codepack's 10 spikes/s against typical rate ranges, s is a fraction of a typical range, so
   * weakly modulated units (whose averages are mostly trial-to-trial noise) count less.
   */
  softNorm?: number | { medianRange: number };
  /** Time-shuffled surrogate fits for the control. Default 100. */
  surrogates?: number;
  surrogateSeed?: number;
  /** DMD span: the most recent ticks, split at trial boundaries. Default 240 (4 s). */
  dmdTicks?: number;
  /** DMD rank: energy share of the singular values, capped at maxRank. Defaults 0.99 and 24. */
  dmdEnergy?: number;
  dmdMaxRank?: number;
}

export type ResolvedLiveOptions = Required<LiveDynamicsOptions>;

export const LIVE_DYNAMICS_DEFAULTS: ResolvedLiveOptions = {
  window: { startTick: -12, steps: 42 },
  analysed: [-3, 24],
  minDelayTicks: 12,
  trialsPerCondition: 6,
  k: 6,
  softNorm: { medianRange: 0.5 },
  surrogates: 100,
  surrogateSeed: 1,
  dmdTicks: 240,
  dmdEnergy: 0.99,
  dmdMaxRank: 24,
};
