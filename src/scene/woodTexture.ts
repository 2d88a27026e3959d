import { CanvasTexture, RepeatWrapping, SRGBColorSpace } from 'three';

/**
 * A procedural wood-grain texture: long wavy streaks over a warm base, drawn once on a canvas
 * with a fixed-seed generator so every page load (and screenshot) looks the same. The caller
 * owns the texture and disposes it.
 */
export function createWoodTexture(size = 512): CanvasTexture {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext('2d')!;
  let seed = 0x2f6b1d;
  const rand = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };

  ctx.fillStyle = '#7b5a3e';
  ctx.fillRect(0, 0, size, size);
  for (let i = 0; i < 140; i++) {
    const y0 = rand() * size;
    const amp = 2 + rand() * 6;
    const freq = (1 + rand() * 2) * ((2 * Math.PI) / size);
    const phase = rand() * 2 * Math.PI;
    const light = rand() < 0.5;
    ctx.strokeStyle = light
      ? `rgba(170, 128, 88, ${0.06 + rand() * 0.08})`
      : `rgba(60, 40, 26, ${0.07 + rand() * 0.12})`;
    ctx.lineWidth = 0.6 + rand() * 2.4;
    ctx.beginPath();
    for (let x = 0; x <= size; x += 8) {
      const y = y0 + amp * Math.sin(freq * x + phase);
      if (x === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }

  const tex = new CanvasTexture(canvas);
  tex.colorSpace = SRGBColorSpace;
  tex.wrapS = tex.wrapT = RepeatWrapping;
  tex.anisotropy = 4;
  return tex;
}
