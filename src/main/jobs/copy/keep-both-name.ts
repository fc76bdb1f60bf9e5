/**
 * The name a copy gets under the 'rename' conflict policy, keeping both: 'report.pdf'
 * becomes 'report (1).pdf', then 'report (2).pdf', the way file managers do it. The number
 * goes before the last extension; folders and dotfiles ('.bashrc') have none.
 */

const nameMaxBytes = 255;

export function keepBothName(name: string, isFolder: boolean, isTaken: (candidate: string) => boolean): string {
  const dot = isFolder ? -1 : name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 1; ; n++) {
    const suffix = ` (${n})${extension}`;
    const candidate = fitStem(stem, nameMaxBytes - Buffer.byteLength(suffix)) + suffix;
    if (!isTaken(candidate)) return candidate;
  }
}

/** Shortens the stem (never splitting a character) so the whole name stays within 255 bytes. */
function fitStem(stem: string, maxBytes: number): string {
  if (Buffer.byteLength(stem) <= maxBytes) return stem;
  let bytes = 0;
  let end = 0;
  for (const char of stem) {
    bytes += Buffer.byteLength(char);
    if (bytes > maxBytes) break;
    end += char.length;
  }
  return stem.slice(0, end);
}
