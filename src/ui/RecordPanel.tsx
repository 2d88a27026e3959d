import { useRef, useState } from 'react';
import type { Runtime } from '../app/runtime';
import {
  CLIP_CONTAINER_LABEL,
  CLIP_FPS,
  CLIP_SIZES,
  formatClipTime,
  MAX_EXPORT_SECONDS,
  type ClipContainer,
  type ClipFps,
  type ClipSize,
  type ClipSpec,
} from '../record/clipSpec';
import { hasWebCodecs } from '../record/clipWriter';
import { uiStore, useUi, type RecordingState } from '../state/uiStore';

const SIZE_LABEL: Record<ClipSize, string> = { '720p': '720p', '1080p': '1080p', '4k': '4K' };

function setClip(patch: Partial<ClipSpec>): void {
  uiStore.setState((s) => ({ clip: { ...s.clip, ...patch } }));
}

/**
 * Clips for talks: record what is on screen in real time, or export the scenario frame by frame
 * at an exact size and rate; stills of the view and of each plot; scenario files and the camera
 * path for exports. `?recorder=mediarecorder` forces the MediaRecorder fallback.
 */
export function RecordPanel({ runtime }: { runtime: Runtime }) {
  const clip = useUi((s) => s.clip);
  const recording = useUi((s) => s.recording);
  const camera = useUi((s) => s.camera);
  const status = useUi((s) => s.status);
  const [keyTime, setKeyTime] = useState(0);
  const fileRef = useRef<HTMLInputElement>(null);
  const studio = runtime.studio;
  const idle = recording.kind === 'idle';
  const ready = status === 'ready';
  // Stills and scenario loads render or reset the scene: not while an export owns it.
  const free = ready && recording.kind !== 'export';
  const webCodecs = hasWebCodecs();
  const forceMr = new URLSearchParams(window.location.search).get('recorder') === 'mediarecorder';

  const onScenarioFile = async (files: FileList | null) => {
    const f = files?.[0];
    if (!f) return;
    await studio.loadScenario(await f.text());
    if (fileRef.current) fileRef.current.value = '';
  };

  return (
    <details className="record" data-testid="record" open>
      <summary>Record</summary>
      <div className="record-row">
        <select
          aria-label="container and codec"
          data-testid="clip-container"
          value={clip.container}
          disabled={!idle}
          onChange={(e) => setClip({ container: e.target.value as ClipContainer })}
        >
          {(Object.keys(CLIP_CONTAINER_LABEL) as ClipContainer[]).map((c) => (
            <option key={c} value={c}>
              {CLIP_CONTAINER_LABEL[c]}
            </option>
          ))}
        </select>
        <select
          aria-label="frame size"
          data-testid="clip-size"
          value={clip.size}
          disabled={!idle}
          onChange={(e) => setClip({ size: e.target.value as ClipSize })}
        >
          {(Object.keys(CLIP_SIZES) as ClipSize[]).map((s) => (
            <option key={s} value={s}>
              {SIZE_LABEL[s]}
            </option>
          ))}
        </select>
        <select
          aria-label="frame rate"
          data-testid="clip-fps"
          value={clip.fps}
          disabled={!idle}
          onChange={(e) => setClip({ fps: Number(e.target.value) as ClipFps })}
        >
          {CLIP_FPS.map((f) => (
            <option key={f} value={f}>
              {f} fps
            </option>
          ))}
        </select>
      </div>
      <div className="record-row">
        <input
          className="clip-title"
          data-testid="clip-title"
          placeholder="title (optional)"
          value={clip.title}
          disabled={!idle}
          onChange={(e) => setClip({ title: e.target.value })}
        />
        <label title="Draw the clip time in the corner of every frame">
          <input
            type="checkbox"
            data-testid="clip-time"
            checked={clip.showTime}
            disabled={!idle}
            onChange={(e) => setClip({ showTime: e.target.checked })}
          />{' '}
          time
        </label>
      </div>
      <div className="record-row">
        {recording.kind === 'realtime' ? (
          <button type="button" data-testid="rec-stop" onClick={() => void studio.stopRealtime()}>
            ■ Stop
          </button>
        ) : (
          <button
            type="button"
            data-testid="rec-start"
            disabled={!idle || !ready}
            title={
              webCodecs && !forceMr
                ? 'Record what you see (WebCodecs); missed frames are counted'
                : 'Record what you see (MediaRecorder fallback, remuxed to a seekable WebM)'
            }
            onClick={() => void studio.startRealtime(forceMr)}
          >
            ● Record
          </button>
        )}
        <span className="record-sep">or export</span>
        <input
          type="number"
          aria-label="export length in seconds"
          data-testid="clip-duration"
          min={0.5}
          max={MAX_EXPORT_SECONDS}
          step={0.5}
          value={clip.durationS}
          disabled={!idle}
          onChange={(e) => setClip({ durationS: Number(e.target.value) })}
        />
        s
        {recording.kind === 'export' ? (
          <button type="button" data-testid="export-cancel" onClick={() => studio.cancelExport()}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            data-testid="export-start"
            disabled={!idle || !ready || !webCodecs}
            title={
              webCodecs
                ? 'Render the scenario from its start, frame by frame at exactly this size and rate'
                : 'Export needs WebCodecs, which this browser does not offer here (it needs a secure context: https or localhost)'
            }
            onClick={() => void studio.export()}
          >
            Export
          </button>
        )}
      </div>
      <RecordStatus recording={recording} />
      <div className="record-row labeled">
        <span className="record-label">stills</span>
        <div className="record-items">
          <button
            type="button"
            data-testid="still-view"
            disabled={!free}
            onClick={() => void studio.stillView()}
          >
            view PNG
          </button>
          {(['hidden', 'eig'] as const).map((id) => (
            <span key={id} className="still-pair">
              {id === 'hidden' ? 'hidden state' : 'eigenvalues'}
              <button
                type="button"
                data-testid={`still-${id}-svg`}
                disabled={!free}
                onClick={() => void studio.stillPlot(id, 'svg')}
              >
                SVG
              </button>
              <button
                type="button"
                data-testid={`still-${id}-png`}
                disabled={!free}
                onClick={() => void studio.stillPlot(id, 'png')}
              >
                PNG
              </button>
            </span>
          ))}
        </div>
      </div>
      <div className="record-row labeled">
        <span className="record-label">scenario</span>
        <div className="record-items">
          <button
            type="button"
            data-testid="scenario-download"
            disabled={!free}
            onClick={() => studio.downloadScenario()}
          >
            download
          </button>
          <label className="file-button">
            load…
            <input
              ref={fileRef}
              type="file"
              accept=".json,application/json"
              data-testid="scenario-file"
              disabled={!free}
              onChange={(e) => void onScenarioFile(e.target.files)}
            />
          </label>
        </div>
      </div>
      <div
        className="record-row labeled"
        title="Keyframes of the camera for exported clips: orbit the view, then add a key at a clip time"
      >
        <span className="record-label">camera</span>
        <div className="record-items">
          <span data-testid="camera-count">
            {camera.length ? `${camera.length} keys` : 'as you left it'}
          </span>
          <input
            type="number"
            aria-label="camera key time in seconds"
            data-testid="camera-key-time"
            min={0}
            step={0.5}
            value={keyTime}
            onChange={(e) => setKeyTime(Math.max(0, Number(e.target.value) || 0))}
          />
          s
          <button
            type="button"
            data-testid="camera-add"
            disabled={!free}
            onClick={() => studio.addCameraKey(keyTime)}
          >
            add key
          </button>
          <button
            type="button"
            data-testid="camera-clear"
            disabled={!camera.length}
            onClick={() => studio.clearCamera()}
          >
            clear
          </button>
        </div>
      </div>
    </details>
  );
}

function RecordStatus({ recording }: { recording: RecordingState }) {
  if (recording.kind === 'realtime')
    return (
      <div
        className="record-status live"
        data-testid="record-status"
        data-dropped={recording.dropped}
      >
        ● {formatClipTime(recording.elapsedS)} · {recording.frames} frames ·{' '}
        <span data-testid="record-dropped">{recording.dropped} dropped</span> · {recording.backend}
      </div>
    );
  if (recording.kind === 'saving')
    return (
      <div className="record-status" data-testid="record-status">
        finishing: flushing the encoder and writing the file…
      </div>
    );
  if (recording.kind === 'export')
    return (
      <div className="record-status" data-testid="record-status">
        <progress max={recording.frames} value={recording.frame} data-testid="export-progress" />{' '}
        frame {recording.frame}/{recording.frames} · {recording.speed.toFixed(2)}× real time
      </div>
    );
  const last = recording.last;
  if (!last) return null;
  return (
    <div
      className="record-status"
      data-testid="record-status"
      data-frames={last.frames}
      data-duration={last.durationS.toFixed(3)}
      data-dropped={last.dropped}
      data-speed={last.speed?.toFixed(3)}
      title={
        last.timing
          ? `wall time: sim ${(last.timing.simMs / 1000).toFixed(1)} s, drawing ${(last.timing.drawMs / 1000).toFixed(1)} s, encoding ${(last.timing.encodeMs / 1000).toFixed(1)} s`
          : undefined
      }
    >
      saved {last.name} · {(last.bytes / 1e6).toFixed(2)} MB · {last.frames} frames ·{' '}
      {last.durationS.toFixed(2)} s{last.mode === 'realtime' ? ` · ${last.dropped} dropped` : ''}
      {last.speed !== undefined ? ` · ${last.speed.toFixed(2)}× real time` : ''}
    </div>
  );
}
