/**
 * Shows a dialog as a modal for as long as its component lives; when it goes, focus goes
 * back to where it was (the button that opened it), or stays put if that element is gone.
 * Closing a dialog that is being removed does not give focus back on its own: it fell to
 * the page's body, and a keyboard user had to start again from the top.
 */
export function showModalUntilDestroyed(dialog: HTMLDialogElement): () => void {
  const before = document.activeElement;
  dialog.showModal();
  return () => {
    dialog.close();
    if (before instanceof HTMLElement && before.isConnected) before.focus();
  };
}
