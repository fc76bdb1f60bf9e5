import { describe, expect, it, vi } from 'vitest';

describe("the app's session", () => {
  it('grants no permission when asked, and reports none as granted when checked', async () => {
    let requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let checkHandler: ((contents: unknown, permission: string) => boolean) | undefined;
    vi.doMock('electron', () => ({
      shell: {},
      session: {
        defaultSession: {
          setPermissionRequestHandler: (handler: typeof requestHandler) => (requestHandler = handler),
          setPermissionCheckHandler: (handler: typeof checkHandler) => (checkHandler = handler),
          webRequest: { onHeadersReceived: () => undefined },
        },
      },
    }));
    const { guardSession } = await import('../../../src/main/app/guard-contents.js');
    guardSession();
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation']) {
      const answers: boolean[] = [];
      requestHandler!(undefined, permission, (granted) => answers.push(granted));
      expect(answers).toEqual([false]);
      expect(checkHandler!(undefined, permission)).toBe(false);
    }
  });
});
