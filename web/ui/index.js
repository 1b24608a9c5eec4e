// UI pieces that more than one part of the page uses, once, with one export
// list: views and the shell import from here, never from the files below,
// but for what the first grid does not need: export.js (the downloads) and
// progress.js (the progress of a big Nodes text) are imported on their own,
// by import() where they are first used, so that the first load leaves
// them out (the <daemonset-sim> element imports progress.js directly).
export { h, $, bump, scrollBox } from './dom.js';
export * as fmt from './format.js';
export { code, plain, nameList, tolList, LIST_MAX } from './text.js';
export { at, located, diagItem, diagnosticText, words } from './diagnostics.js';
export { editorOf, sortProblems } from './problems.js';
export { STATES, stateCounts } from './states.js';
export { countsTable } from './kubectl.js';
export { Cells } from './cells.js';
export { NodeGrid } from './node-grid.js';
