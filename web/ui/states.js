// The five things that can happen to the daemon pod on a node (the engine's
// NodeState), in the order the page lists them: problems first.

/** @typedef {import('../pkg/daemonset_sim.js').NodeState} NodeState */
/** @typedef {Pick<import('../pkg/daemonset_sim.js').Report, 'counts'>} Report a report (the engine's or the page's): its counts */

/** @type {NodeState[]} */
export const STATES = ['failed-create', 'pending', 'keeps-existing', 'excluded', 'scheduled'];

/**
 * How many nodes are in each state, keyed by state.
 * @param {Report} report
 * @returns {Record<NodeState, number>}
 */
export function stateCounts(report) {
  const c = report.counts;
  return {
    scheduled: c.scheduled, pending: c.pending, excluded: c.excluded,
    'keeps-existing': c.keepsExisting, 'failed-create': c.failedCreate,
  };
}
