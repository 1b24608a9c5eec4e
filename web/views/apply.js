// Apply, for the explanations that offer it (the Coverage tab's node, the
// Cluster tab's cell): the engine makes the change (Simulator.applyFix,
// applyClusterFix), the page puts it into its editor and says where, with
// an Undo button; a refusal is shown under the fix in the reader's
// language (the engine's words). Nothing here decides what a fix changes.
import { h, diagnosticText } from '../ui/index.js';
import { t, num, list } from '../i18n/index.js';

/** @typedef {import('../engine/engine.js').Engine} Engine */
/** @typedef {import('./view.js').ViewContext} ViewContext */
/** @typedef {import('./view.js').Applied} Applied */

/**
 * Asks the engine for the edit of one fix and puts it into its editor.
 * @param {object} o
 * @param {Engine} o.engine
 * @param {ViewContext} o.ctx
 * @param {string} o.slot the engine's request slot
 * @param {'applyFix' | 'applyClusterFix'} o.call the Simulator method
 * @param {unknown[]} o.args its arguments
 * @param {string} o.node the node the fix is for
 * @param {HTMLElement} o.item the fix's list item (a refusal is shown there)
 * @param {HTMLElement} o.notice where the applied notice goes
 */
export function applyFix({ engine, ctx, slot, call, args, node, item, notice }) {
  const button = /** @type {HTMLButtonElement | null} */ (item.querySelector('.fix-apply'));
  if (button) button.disabled = true;
  item.querySelector('.fix-error')?.remove();
  engine.request(slot, { call, args }, ({ result, error }) => {
    if (error || !result) {
      if (button) button.disabled = false;
      item.append(h('p', { class: 'fix-error' }, t('fix.cannotApply', { error: error ? diagnosticText(error) : '' })));
      return;
    }
    const done = ctx.apply(result);
    const others = result.nodes.filter((/** @type {string} */ x) => x !== node);
    showApplied(notice, done, node, others);
  });
}

/**
 * "Applied the fix for N in the X editor, from line L." with Undo and Close.
 * @param {HTMLElement} el
 * @param {Applied} done
 * @param {string} node
 * @param {string[]} others the other nodes the change reaches (a shorthand entry's)
 */
function showApplied(el, done, node, others) {
  const editor = t(done.text === 'daemonSet' ? 'editor.daemonset' : 'editor.nodes');
  const undo = h('button', { type: 'button', class: 'apply-undo' }, t('apply.undo'));
  el.replaceChildren(
    h('span', null, t('apply.done', { node, editor, line: num(done.line) }),
      others.length ? ` ${t('apply.others', { count: others.length, names: list(others.length > 5 ? [...others.slice(0, 5), t('list.more', { count: others.length - 5 })] : others).join('') })}` : ''),
    ' ', undo,
    ' ', h('button', { type: 'button', class: 'apply-close', 'aria-label': t('apply.close') }, '×'));
  el.hidden = false;
  el.dataset.text = done.text;
  undo.addEventListener('click', () => {
    const ok = done.undo();
    el.replaceChildren(h('span', null, t(ok ? 'apply.undone' : 'apply.undoStale')));
    el.dataset.text = '';
  });
  el.querySelector('.apply-close')?.addEventListener('click', () => { el.hidden = true; });
  undo.focus();
}
