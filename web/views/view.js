// The shape of every tab's view (Coverage, Status, Rollout, Deployment vs
// DaemonSet). A view owns its tab panel. tabs.js mounts it the first time the
// tab is shown, renders it when it is shown after a new result (and at once
// while it is shown), and relabels it after a change of language. What a view
// keeps in the share link goes out through save() and comes back through
// load(); reset() forgets what belonged to the last input (another example).
// A view shows what the engine reports and decides nothing itself.

/** @typedef {import('../engine/engine.js').PageReport} Report */

/**
 * A problem in the input, as the editors list it (the Status tab lists them all).
 * @typedef {object} Problem
 * @property {'error' | 'warning'} severity
 * @property {number | null} line
 * @property {number | null} column
 * @property {string} text in Kubernetes' words, or the tool's own in the reader's language (diagnosticText)
 * @property {string} [editor] which editor, as the page names it
 * @property {{text: string, line: number | null, column: number | null}[]} [more] what a summary
 *   stands for (the objects a "Skipped" warning counts), listed when opened
 */

/**
 * What every view renders from.
 * @typedef {object} ViewContext
 * @property {Report | null} report the last report without errors (null before the first)
 * @property {boolean} hasErrors the editors' texts have errors: `report` is older than them
 * @property {string} ds the DaemonSet editor's text
 * @property {string} nodes the Nodes editor's text
 * @property {(a: AppliedFix) => Applied} apply puts an applied fix into its editor (see app.js)
 * @property {number} version counts the reports without errors: a view reruns its engine calls on a new one
 * @property {Problem[]} problems every error and warning of both editors
 */

/** @typedef {import('../pkg/daemonset_sim.js').AppliedFix} AppliedFix */
/**
 * An applied fix, as the page put it in an editor.
 * @typedef {object} Applied
 * @property {'daemonSet' | 'nodes'} text the editor changed
 * @property {number} line where the change starts in it
 * @property {() => boolean} undo puts the text back (false when the text changed since)
 */

/**
 * A view's part of the share link's state (merged into the page's; see app.js).
 * @typedef {Record<string, unknown>} Shared
 */

export class View {
  /**
   * @param {{id: string, label: string}} tab the tab's id (panel-<id>, ?tab=<id>) and its label (an i18n key)
   */
  constructor(tab) {
    this.id = tab.id;
    this.label = tab.label;
    /** @type {ViewContext | null} the last context rendered */
    this.ctx = null;
  }

  /**
   * Builds the view's DOM in its empty panel (once).
   * @param {HTMLElement} panel
   */
  mount(panel) {}

  /**
   * Shows `ctx`.
   * @param {ViewContext} ctx
   */
  render(ctx) {
    this.ctx = ctx;
  }

  /** The language changed: words everything again. */
  relabel() {}

  /** @returns {Shared} what the share link keeps of this view */
  save() {
    return {};
  }

  /**
   * Takes this view's part of a share link's state.
   * @param {Shared} state
   */
  load(state) {}

  /** Another example is loaded: forgets what belonged to the last input. */
  reset() {}
}
