// UI pieces that more than one part of the page uses, once, with one export
// list: views and the shell import from here, never from the files below.
export { h, $, bump, scrollBox } from './dom.js';
export * as fmt from './format.js';
export { code, plain, nameList, tolList, LIST_MAX } from './text.js';
export { at, located, diagItem, diagnosticText, words } from './diagnostics.js';
export { editorOf, sortProblems } from './problems.js';
export { STATES, stateCounts } from './states.js';
export { countsTable } from './kubectl.js';
export { Cells } from './cells.js';
export { NodeGrid } from './node-grid.js';
export { ProgressBar, DELAY_MS } from './progress.js';
