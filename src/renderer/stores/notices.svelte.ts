/** Short messages at the bottom of the window (an action's outcome, an error), read out by screen readers. */
export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

export class Notices {
  list = $state<Notice[]>([]);
  private next = 1;

  show(text: string, tone: Notice['tone'] = 'info', ms = 4000): void {
    const id = this.next++;
    this.list = [...this.list.slice(-3), { id, text, tone }];
    setTimeout(() => this.dismiss(id), ms);
  }

  dismiss(id: number): void {
    this.list = this.list.filter((n) => n.id !== id);
  }
}
