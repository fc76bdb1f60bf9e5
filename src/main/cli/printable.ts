/**
 * Text from the file system or a user's code, made safe for one terminal line: a name may
 * hold a newline (which would read as the start of another item), a tab, or an escape
 * sequence (which the terminal would obey). Each control character is shown as its escape,
 * as `ls -b` does: `bad\nname`, `\x1b`.
 */

const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

// C0 controls, DEL and the C1 controls (some terminals obey those too).
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u001f\u007f-\u009f]/g;

export function printable(text: string): string {
  return text.replace(controls, (char) => named[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
