/**
 * What quitting does while jobs run: the person chooses to wait for them, pause them
 * (resumable next time) or stop them, or not to quit after all.
 */
export type QuitChoice = 'wait' | 'pause' | 'stop' | 'cancel';

export const quitButtons: Array<{ choice: QuitChoice; label: string }> = [
  { choice: 'pause', label: 'Pause them and quit' },
  { choice: 'wait', label: 'Wait, then quit' },
  { choice: 'stop', label: 'Stop them and quit' },
  { choice: 'cancel', label: "Don't quit" },
];

export function quitMessage(running: number): { message: string; detail: string } {
  const jobs = running === 1 ? '1 job is' : `${running} jobs are`;
  return {
    message: `${jobs} still running`,
    detail: 'Paused jobs resume where they stopped the next time you open Procpool. Stopped jobs are cancelled; what they copied stays. Waiting quits once every job has ended.',
  };
}

export function quitChoice(buttonIndex: number): QuitChoice {
  return quitButtons[buttonIndex]?.choice ?? 'cancel';
}
