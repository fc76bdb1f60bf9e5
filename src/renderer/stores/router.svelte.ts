/** The current view, from the URL's hash, so reload and back work. */
import { viewFromHash, type ViewName } from '../lib/views.js';

export class Router {
  view = $state<ViewName>(viewFromHash(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => (this.view = viewFromHash(location.hash)));
  }
}
