/**
 * The SVG path of a sparkline: `values` spread over `width` (newest at the right edge, so a
 * short history grows in from the right), scaled to `max` (or the largest value plus a quarter) over
 * `height`. Returns the line and the closed area under it.
 */
export function sparklinePath(values: readonly number[], width: number, height: number, capacity: number, max?: number): { line: string; area: string } {
  if (values.length === 0) return { line: '', area: '' };
  // Without a fixed scale, leave headroom so a flat line does not sit on the top edge.
  const top = max ?? Math.max(...values, 1e-9) * 1.25;
  const step = width / Math.max(1, capacity - 1);
  const x0 = width - (values.length - 1) * step;
  const points = values.map((v, i) => {
    const x = x0 + i * step;
    const y = height - (Math.max(0, Math.min(v, top)) / top) * (height - 1) - 0.5;
    return `${round(x)},${round(y)}`;
  });
  const line = `M${points.join('L')}`;
  return { line, area: `${line}L${round(width)},${height}L${round(x0)},${height}Z` };
}

const round = (n: number): number => Math.round(n * 10) / 10;
