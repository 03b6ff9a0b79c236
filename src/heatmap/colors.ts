/** Viridis (perceptually even, readable in grey and by most colour-blind readers), sampled at 9 stops. */
const VIRIDIS: readonly [number, number, number][] = [
  [68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142],
  [31, 158, 137], [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37],
];

/** Colour for t in [0, 1] (clamped), as #rrggbb. */
export function viridis(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i] ?? [0, 0, 0];
  const b = VIRIDIS[i + 1] ?? a;
  return `#${a.map((c, k) => Math.round(c + f * ((b[k] ?? c) - c)).toString(16).padStart(2, '0')).join('')}`;
}

/** Dark text on the light end of the scale, white on the dark end. */
export function inkOn(t: number): string {
  return t > 0.6 ? '#1a1a1a' : '#ffffff';
}
