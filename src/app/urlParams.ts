import type { EpPreference } from '../../workers/contracts';
import type { TargetMode } from '../sim/reachTask';
import { cameraFromParam, type CameraKey } from '../record/scenario';
import { DEFAULT_CONTROLLER, isShippedController, SHIPPED_CONTROLLERS } from './controllers';

/**
 * Settings a link carries: `?seed=3&ep=wasm&mode=annulus&controller=arm-linoss`. Invalid values
 * are named, not ignored.
 */
export interface UrlSettings {
  seed: number;
  ep: EpPreference;
  mode: TargetMode;
  controller: string;
  /** Camera keyframes for exported clips (`cam=t,x,y,z,tx,ty,tz;…`). */
  camera: CameraKey[];
  warnings: string[];
}

export function parseUrlSettings(search: string): UrlSettings {
  const p = new URLSearchParams(search);
  const out: UrlSettings = {
    seed: 1,
    ep: 'auto',
    mode: 'center-out',
    controller: DEFAULT_CONTROLLER,
    camera: [],
    warnings: [],
  };
  const seed = p.get('seed');
  if (seed !== null) {
    const n = seed.trim() === '' ? NaN : Number(seed);
    if (Number.isInteger(n) && n >= 0 && n < 2 ** 31) out.seed = n;
    else out.warnings.push(`seed=${seed} is not an integer in [0, 2^31); using seed 1`);
  }
  const ep = p.get('ep');
  if (ep !== null) {
    if (ep === 'auto' || ep === 'wasm' || ep === 'webgpu') out.ep = ep;
    else out.warnings.push(`ep=${ep} is not one of auto, wasm, webgpu; using auto`);
  }
  const mode = p.get('mode');
  if (mode !== null) {
    if (mode === 'center-out' || mode === 'annulus') out.mode = mode;
    else out.warnings.push(`mode=${mode} is not center-out or annulus; using center-out`);
  }
  const controller = p.get('controller');
  if (controller !== null) {
    if (isShippedController(controller)) out.controller = controller;
    else
      out.warnings.push(
        `controller=${controller} is not one of ${SHIPPED_CONTROLLERS.map((c) => c.id).join(', ')}; using ${DEFAULT_CONTROLLER}`,
      );
  }
  const cam = p.get('cam');
  if (cam !== null) {
    try {
      out.camera = cameraFromParam(cam);
    } catch (e) {
      out.warnings.push(`${(e as Error).message.replace('[scenario] ', '')}; using no camera path`);
    }
  }
  return out;
}
