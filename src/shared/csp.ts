/**
 * The Content-Security-Policy of the app's pages: our own scripts and styles only, no
 * inline script, no eval, no frames, no plugins; connections only back to where the page
 * came from (`connect` lists the WebSocket origins browser mode allows).
 */
export function contentSecurityPolicy(connect: string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${connect.join(' ')}`.trim(),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
