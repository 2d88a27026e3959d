import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input } from 'mediabunny';
import { readFileSync } from 'node:fs';

/** What a clip file holds, read in Node with mediabunny's demuxer (no decoding needed). */
export interface ClipFacts {
  mimeType: string;
  width: number;
  height: number;
  codec: string | null;
  durationS: number;
  /** Presentation timestamps of every video packet, s, in presentation order. */
  timestamps: number[];
  keyFrames: number;
}

export async function readClip(path: string): Promise<ClipFacts> {
  const bytes = readFileSync(path);
  const input = new Input({
    source: new BufferSource(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)),
    formats: ALL_FORMATS,
  });
  const track = await input.getPrimaryVideoTrack();
  if (!track) throw new Error(`${path} has no video track`);
  const sink = new EncodedPacketSink(track);
  const timestamps: number[] = [];
  let keyFrames = 0;
  for await (const p of sink.packets()) {
    timestamps.push(p.timestamp);
    if (p.type === 'key') keyFrames++;
  }
  timestamps.sort((a, b) => a - b);
  const facts = {
    mimeType: await input.getMimeType(),
    width: track.displayWidth,
    height: track.displayHeight,
    codec: track.codec,
    durationS: await input.computeDuration(),
    timestamps,
    keyFrames,
  };
  input.dispose();
  return facts;
}
