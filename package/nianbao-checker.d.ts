// Types of the <nianbao-checker> web component (nianbao/nianbao-checker.js).

import type { Config, Counts, Report, ResultDetail } from './index.js';

/** `<nianbao-checker for="editor-id">`: checks a textarea or contenteditable editor as the user types. */
export interface NianbaoCheckerElement extends HTMLElement {
  /** The last report, or null while the editor is empty or the checker could not load. */
  readonly report: Report | null;
  readonly counts: Counts;
  /** Rules or findings to leave out; setting it checks again. */
  config: Config | undefined;
  /** Checks the editor now. */
  check(): Promise<void>;
}

declare global {
  interface HTMLElementTagNameMap {
    'nianbao-checker': NianbaoCheckerElement;
  }
  interface HTMLElementEventMap {
    'nianbao-result': CustomEvent<ResultDetail>;
  }
}
