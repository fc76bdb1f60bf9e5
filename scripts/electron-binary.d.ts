/** Where Electron's binary is, or why there is none (see electron-binary.js). */
export function electronBinary(options?: { download?: boolean }): { path: string | undefined; reason: string };
