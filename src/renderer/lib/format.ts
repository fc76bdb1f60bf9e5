/** How numbers read in the app: bytes in binary units, rates, durations, percentages. */
import { withThousands } from '../../shared/thousands.js';

const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export const formatCount = withThousands;

export function formatRate(rate: number | undefined, kind: 'copy' | 'compute'): string {
  if (rate === undefined || !Number.isFinite(rate) || rate <= 0) return '–';
  return kind === 'copy' ? `${formatBytes(rate)}/s` : `${rate < 10 ? rate.toFixed(1) : formatCount(Math.round(rate))} items/s`;
}

/** 42 s, 3 min 5 s, 2 h 10 min, 3 d 4 h. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** Percent done, 0–100, whole numbers; bytes when the job has them, else items. */
export function percentDone(job: { bytesTotal: number; bytesDone: number; itemsTotal: number; itemsDone: number; itemsFailed: number; itemsSkipped: number; status: string }): number {
  if (job.status === 'done') return 100;
  const ratio =
    job.bytesTotal > 0
      ? job.bytesDone / job.bytesTotal
      : job.itemsTotal > 0
        ? (job.itemsDone + job.itemsFailed + job.itemsSkipped) / job.itemsTotal
        : 0;
  return Math.max(0, Math.min(100, Math.floor(ratio * 100)));
}

export function formatPercent(value: number): string {
  return `${value < 10 && value > 0 ? value.toFixed(1) : Math.round(value)}%`;
}

export function formatClock(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
