// Editing: an error is shown at its line and column with the engine's
// message while the rest of the page keeps the last good result; fixing
// it brings the grid back. User data is shown as text, never as markup.
// A crashed engine is restarted.
import { test } from 'node:test';
import fs from 'node:fs';
import assert from 'node:assert/strict';
import { setup, openPage, waitForResult, evaluations, paste, editor, gridStates, shot, expectedReport, loadEngine, examples, explained, statesOf, TABLES } from './helpers.mjs';

const env = setup();


/** Selects `word` at its first occurrence after `from` in the editor, then types `replacement`. */
async function typeOver(page, label, from, word, replacement) {
  const before = await evaluations(page);
  const box = page.getByLabel(label, { exact: true });
  await box.evaluate((ta, [from, word]) => {
    const start = ta.value.indexOf(word, ta.value.indexOf(from));
    ta.focus();
    ta.setSelectionRange(start, start + word.length);
  }, [from, word]);
  await page.keyboard.type(replacement, { delay: 10 });
  return waitForResult(page, before);
}

test('typing effect: Evict shows the error at its line and column; fixing it restores the grid', async () => {
  const ex = examples().find((e) => e.id === 'fluentd');
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.url}?example=fluentd`);
  await waitForResult(page);
  const good = statesOf(await expectedReport(ex.ds, ex.nodesText));
  assert.deepEqual(await gridStates(page), good);

  await typeOver(page, 'DaemonSet', 'node-role.kubernetes.io/control-plane', 'NoSchedule', 'Evict');
  const badText = await page.getByLabel('DaemonSet', { exact: true }).inputValue();
  const bad = await expectedReport(badText, ex.nodesText);
  assert.equal(bad.errors.length, 1);
  const err = bad.errors[0];
  assert.equal(err.line, badText.slice(0, badText.indexOf('Evict')).split('\n').length, 'the engine points at the line');

  // the message, at the engine's line and column, in the DaemonSet editor
  const diag = page.locator('#diag-ds li.error');
  assert.equal(await diag.count(), 1);
  assert.equal(await diag.getAttribute('data-line'), String(err.line));
  assert.equal(await diag.getAttribute('data-column'), String(err.column));
  assert.equal(await diag.locator('.diag-msg').textContent(), err.message);
  assert.match(await diag.textContent(), /Unsupported value: "Evict"/);
  assert.match(await diag.textContent(), new RegExp(`line ${err.line}, column ${err.column}`));
  assert.equal(await page.getAttribute('#ed-ds', 'aria-invalid'), 'true');
  // the gutter marks the line; the link puts the caret on line:column
  await diag.locator('button.diag-at').click();
  await page.waitForFunction((l) => [...document.querySelectorAll('#editor-ds .ln.error')].some((e) => e.textContent === String(l)), err.line);
  assert.equal(await page.locator('#editor-ds .ed-marks .squiggle.error').count(), 1);
  const caret = await page.$eval('#ed-ds', (ta) => ta.selectionStart);
  const lines = badText.split('\n');
  assert.equal(caret, lines.slice(0, err.line - 1).join('\n').length + 1 + err.column - 1);
  assert.equal(badText.slice(caret, caret + 5), 'Evict');
  // the rest of the page keeps the last good result, marked as such
  assert.equal(await page.isVisible('#stale'), true);
  assert.deepEqual(await gridStates(page), good);
  await shot(page, 'error-state');
  // the Status tab lists it too
  await page.click('[role=tab][data-tab="status"]');
  assert.match(await page.textContent('#panel-status .problems'), /Unsupported value: "Evict"/);
  await page.click('[role=tab][data-tab="coverage"]');

  // fix it differently: NoExecute is valid but tolerates no NoSchedule taint
  await typeOver(page, 'DaemonSet', 'node-role.kubernetes.io/control-plane', 'Evict', 'NoExecute');
  const fixedText = await page.getByLabel('DaemonSet', { exact: true }).inputValue();
  const fixed = await expectedReport(fixedText, ex.nodesText);
  assert.deepEqual(fixed.errors, []);
  assert.notDeepEqual(statesOf(fixed), good, 'the fix changes the placement');
  assert.deepEqual(await gridStates(page), statesOf(fixed));
  assert.equal(await page.locator('#diag-ds li').count(), 0);
  assert.equal(await page.isVisible('#stale'), false);
  assert.equal(await page.getAttribute('#ed-ds', 'aria-invalid'), 'false');
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('a misspelled field is the API server\'s refusal, marked at its line with a hint; YAML booleans are type errors', async () => {
  const ex = examples().find((e) => e.id === 'my-daemonset');
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.url}?example=my-daemonset`);
  await waitForResult(page);
  const good = await gridStates(page);
  const typo = ex.ds.replace(/\n(\s+)containers:/, '\n$1nodeselector: {disk: ssd}\n$1containers:');
  assert.notEqual(typo, ex.ds);
  await paste(page, 'DaemonSet', typo);
  const want = (await expectedReport(typo, ex.nodesText)).errors;
  assert.equal(want.length, 1);
  assert.equal(want[0].message, 'DaemonSet in version "v1" cannot be handled as a DaemonSet: strict decoding error: unknown field "spec.template.spec.nodeselector"');
  const line = typo.slice(0, typo.indexOf('nodeselector')).split('\n').length;
  assert.equal(want[0].line, line);
  const diag = page.locator('#diag-ds li.error');
  assert.equal(await diag.count(), 1);
  assert.equal(await diag.getAttribute('data-line'), String(line));
  assert.equal(await diag.locator('.diag-msg').textContent(), `${want[0].message} (did you mean \`nodeSelector\`?)`);
  assert.deepEqual(await gridStates(page), good, 'no verdict on an object the server refuses: the last good grid stays');
  assert.equal(await page.isVisible('#stale'), true);

  // `disk: yes` is a boolean to kubectl's YAML reader: a Go type error
  const yes = ex.ds.replace(/\n(\s+)containers:/, '\n$1nodeSelector: {disk: yes}\n$1containers:');
  await paste(page, 'DaemonSet', yes);
  const e = (await expectedReport(yes, ex.nodesText)).errors;
  assert.equal(e[0].message, 'DaemonSet in version "v1" cannot be handled as a DaemonSet: json: cannot unmarshal bool into Go struct field PodSpec.spec.template.spec.nodeSelector of type string');
  assert.equal(await page.locator('#diag-ds li.error .diag-msg').textContent(), e[0].message);
  await page.close();
});

test('a Helm template pasted as it is: kubectl\'s message word for word, and a hint to render it first in the page\'s language', async () => {
  const ex = examples().find((e) => e.id === 'my-daemonset');
  const helm = ex.ds.replace(/\n  name: [^\n]+/, '\n  name: {{ .Values.name }}');
  assert.notEqual(helm, ex.ds);
  const line = helm.slice(0, helm.indexOf('{{')).split('\n').length;
  for (const [lang, theme] of [['en', 'light'], ['zh-TW', 'dark']]) {
    const page = await openPage(env.browser, { locale: lang === 'en' ? 'en-US' : 'zh-TW', colorScheme: theme });
    await page.goto(`${env.srv.url}?example=my-daemonset&theme=${theme}`);
    await waitForResult(page);
    await paste(page, 'DaemonSet', helm);
    const diag = page.locator('#diag-ds li.error');
    await diag.first().waitFor();
    assert.equal(await diag.count(), 1);
    assert.equal(await diag.getAttribute('data-line'), String(line));
    const message = 'error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{".Values.name":interface {}(nil)}';
    const hint = TABLES[lang]['words.templateText'].replace('{line}', String(line));
    const shown = await diag.locator('.diag-msg').textContent();
    assert.ok(shown.endsWith(`: ${message} (${hint})`), shown);
    await shot(page, `template-hint-${lang}-${theme}`, { clip: { x: 0, y: 0, width: 1440, height: 700 } });
    assert.deepEqual(page.log.errors, []);
    await page.close();
  }
});

test('unreadable DaemonSet text and a broken cluster are shown in their own editor', async () => {
  const ex = examples().find((e) => e.id === 'my-daemonset');
  const page = await openPage(env.browser);
  await page.goto(env.srv.url);
  await waitForResult(page);
  const good = await gridStates(page);

  // a YAML syntax error: evaluate throws, with a position
  const broken = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\n spec: [\n';
  await paste(page, 'DaemonSet', broken);
  const { Simulator } = await loadEngine();
  const sim = new Simulator();
  sim.setCluster(ex.nodesText);
  let thrown;
  try { sim.evaluate(broken); } catch (e) { thrown = e; }
  assert.ok(thrown, 'the engine throws');
  const d = page.locator('#diag-ds li.error');
  assert.equal(await d.count(), 1);
  assert.equal(await d.getAttribute('data-line'), String(thrown.line));
  assert.ok((await d.locator('.diag-msg').textContent()).includes(thrown.detail));
  assert.deepEqual(await gridStates(page), good, 'the last good grid stays');

  // duplicate node names: setCluster reports them against the Nodes text
  await paste(page, 'DaemonSet', ex.ds);
  const dup = 'nodes:\n  - name: a\n  - name: b\n  - name: a\n';
  await paste(page, 'Nodes', dup);
  const summary = sim.setCluster(dup);
  sim.free();
  assert.ok(summary.errors.length > 0);
  const nd = page.locator('#diag-nodes li.error');
  assert.equal(await nd.count(), summary.errors.length);
  assert.equal(await nd.first().getAttribute('data-line'), String(summary.errors[0].line ?? ''));
  assert.equal(await page.locator('#diag-ds li').count(), 0);
  await page.close();
});

test('errors in the Nodes text: the grid, its explanations and its download stay those of the last cluster without errors', async () => {
  const ex = examples().find((e) => e.id === 'my-daemonset');
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.url}?example=my-daemonset`);
  await waitForResult(page);
  const good = await expectedReport(ex.ds, ex.nodesText);
  assert.equal(statesOf(good)['worker-3'], 'pending');
  // worker-3 gets room (the newer cluster would schedule it) and a taint
  // the API server refuses (an error: the page keeps the last good result)
  const nodes = ex.nodesText
    .replace(/(- name: worker-3\n\s+allocatable: \{cpu: )"2"/, '$1"8"')
    .replace('control-plane:NoSchedule', 'control-plane:NoSchedul');
  assert.notEqual(nodes, ex.nodesText);
  const { Simulator } = await loadEngine();
  const sim = new Simulator();
  const summary = sim.setCluster(nodes);
  assert.ok(summary.errors.length > 0, 'the newer Nodes text has errors');
  const newer = sim.evaluate(ex.ds);
  sim.free();
  assert.equal(statesOf(newer)['worker-3'], 'scheduled', 'against the newer cluster worker-3 would be scheduled');
  await paste(page, 'Nodes', nodes);
  assert.ok(await page.locator('#diag-nodes li.error').count() > 0);
  assert.equal(await page.isVisible('#stale'), true);
  assert.deepEqual(await gridStates(page), statesOf(good));
  // its explanation is the one of the grid shown, not of the newer cluster
  await page.click('[data-node="worker-3"]');
  await page.waitForFunction(() => document.querySelector('#explain h2')?.textContent.includes('worker-3'));
  await explained(page);
  assert.equal(await page.getAttribute('#explain .badge', 'data-state'), 'pending');
  const why = good.nodes.find((n) => n.name === 'worker-3').message;
  assert.ok((await page.textContent('#explain')).includes(why), why);
  // so is the report downloaded
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const json = JSON.parse(fs.readFileSync(await d.path(), 'utf8'));
  assert.deepEqual(statesOf(json), statesOf(good));
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('a PriorityClass the cluster lacks: no pod can be created; the FailedCreate event and the fix, in both languages', async () => {
  const ex = examples().find((e) => e.id === 'my-daemonset');
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.url}?example=my-daemonset`);
  await waitForResult(page);
  const ds = ex.ds.replace(/\n(\s+)containers:/, '\n$1priorityClassName: high-priority\n$1containers:');
  assert.notEqual(ds, ex.ds);
  await paste(page, 'DaemonSet', ds);
  const r = await expectedReport(ds, ex.nodesText);
  const failed = r.nodes.filter((n) => n.state === 'failed-create');
  assert.ok(failed.length > 0 && failed.length === r.counts.failedCreate);
  assert.deepEqual(await gridStates(page), statesOf(r));
  // the DaemonSet itself is accepted: no error in its editor
  assert.equal(await page.locator('#diag-ds li').count(), 0);
  const name = failed[0].name;
  await page.click(`#grid [data-node="${name}"]`);
  await explained(page);
  await page.waitForFunction((n) => document.querySelector('#explain h2')?.textContent.includes(n), name);
  const text = await page.textContent('#explain');
  assert.ok(text.includes('Error creating: pods "my-daemonset-" is forbidden: no PriorityClass with name high-priority was found'), text);
  assert.ok(text.includes('What kubectl describe ds shows'), text);
  assert.ok(text.includes('Create the PriorityClass high-priority'), text);
  assert.ok(text.includes('name: high-priority'), 'the PriorityClass to create');
  await shot(page, 'failed-create-en');
  await page.selectOption('#lang', 'zh-TW');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-TW');
  assert.ok((await page.textContent('#explain')).includes('建立 PriorityClass high-priority'));
  await page.evaluate(() => { document.documentElement.dataset.theme = 'dark'; });
  await shot(page, 'failed-create-zh-TW-dark');

  // the class in the cluster text: admitted, the pods are the engine's again
  const nodes = `${ex.nodesText}\n---\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high-priority}\nvalue: 1000\n`;
  await paste(page, 'Nodes', nodes);
  const admitted = await expectedReport(ds, nodes);
  assert.equal(admitted.counts.failedCreate, 0);
  assert.deepEqual(await gridStates(page), statesOf(admitted));
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('user data is shown as text: markup in labels, taints, names and errors runs nothing', async () => {
  const page = await openPage(env.browser);
  await page.goto(env.srv.url);
  await waitForResult(page);
  const evil = '<img src=x onerror=alert(1)>';
  const ds = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: c, image: i, ports: [{containerPort: 80, hostPort: 80}]}]
`;
  const nodes = `nodes:
  - name: "${evil}"
    labels: {evil: "${evil}", role: "<b>bold</b>"}
    taints: ["k=<svg onload=alert(2)>:NoSchedule"]
  - name: n2
    labels: {role: "<b>bold</b>"}
    pods: [{name: "<img src=y onerror=alert(3)>", hostPorts: [80]}]
`;
  await paste(page, 'Nodes', nodes);
  await paste(page, 'DaemonSet', ds);
  const want = await expectedReport(ds, nodes);
  assert.deepEqual(want.errors, []);
  assert.deepEqual(await gridStates(page), statesOf(want));
  // the node named like markup is a cell with that exact name
  const cell = page.locator('#grid [role=gridcell]').filter({ hasText: evil });
  assert.equal(await cell.getAttribute('data-node'), evil);
  await cell.click();
  await explained(page);
  const text = await page.textContent('#explain');
  assert.ok(text.includes(`evil=${evil}`), 'the label value is shown as text');
  assert.ok(text.includes('k=<svg onload=alert(2)>:NoSchedule'), 'the taint is shown as text');
  await page.click('#grid [data-node="n2"]');
  await explained(page);
  assert.ok((await page.textContent('#explain')).includes('<img src=y onerror=alert(3)>'), 'the pod name is shown as text');
  // an error detail holding markup
  await paste(page, 'DaemonSet', ds.replace('{name: agent}', `{name: "${evil}"}`));
  assert.ok((await page.textContent('#diag-ds')).includes(evil));
  await page.waitForTimeout(200);
  assert.deepEqual(page.log.dialogs, []);
  assert.equal(await page.evaluate(() => document.querySelectorAll('img, svg, b').length), 0);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('a crashed engine (panic) is reported and the worker is re-created', async () => {
  const page = await openPage(env.browser);
  let loads = 0;
  // the first worker gets an engine that panics on every evaluation
  await page.context().route('**/pkg/daemonset_sim_core.js', async (route) => {
    loads++;
    if (loads > 1) return route.continue();
    await route.fulfill({
      contentType: 'text/javascript',
      body: `export default async function init() {}
        export function version() { return 'stub'; }
        export class Simulator {
          setCluster() { return { nodes: 0, pods: 0, errors: [], warnings: [] }; }
          nodeList() { return []; }
          evaluateGrid() { const e = new Error('panic'); e.type = 'Panic'; e.detail = 'internal error in daemonset-sim: boom'; throw e; }
          free() {}
        }`,
    });
  });
  await page.goto(env.srv.url);
  await waitForResult(page);
  await page.waitForSelector('#banner:not([hidden])');
  assert.match(await page.textContent('#banner'), /stopped unexpectedly.*boom/);
  assert.equal(await page.locator('#grid [role=gridcell]').count(), 0);
  // the next edit runs on a fresh worker with the real engine
  const ex = examples()[0];
  await paste(page, 'DaemonSet', ex.ds + '\n# edited\n');
  assert.equal(loads, 2);
  assert.equal(await page.isVisible('#banner'), false);
  assert.deepEqual(await gridStates(page), statesOf(await expectedReport(ex.ds, ex.nodesText)));
  await page.close();
});

/** `kubectl get nodes -o json` for n nodes, with this DaemonSet's own pod on node 0 and a foreign pod on node 1. */
function kubectlJson(n) {
  const items = [];
  for (let i = 0; i < n; i++) {
    items.push({
      apiVersion: 'v1', kind: 'Node',
      metadata: { name: `ip-10-0-${Math.floor(i / 250)}-${i % 250}.ec2.internal`, labels: { 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': `eu-west-1${'abc'[i % 3]}` } },
      spec: i % 40 === 3 ? { taints: [{ key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' }, { key: 'spot', value: 'true', effect: 'NoExecute' }] } : {},
      status: { allocatable: { cpu: '2', memory: '7Gi', pods: '29' }, capacity: { cpu: '2', memory: '8Gi', pods: '29' }, conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2);
}

test('large dumps open from a file and from a drop on the editor', async () => {
  const ex = examples().find((e) => e.id === 'my-daemonset');
  const page = await openPage(env.browser);
  await page.goto(env.srv.url);
  await waitForResult(page);

  // Open file… on the Nodes editor
  const json = kubectlJson(1000);
  let before = await evaluations(page);
  const chooser = page.waitForEvent('filechooser');
  await page.click('#editor-nodes .ed-open');
  await (await chooser).setFiles({ name: 'nodes.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await waitForResult(page, before);
  assert.equal(await page.inputValue('#ed-nodes'), json);
  const want = await expectedReport(ex.ds, json);
  assert.equal(want.nodes.length, 1000);
  assert.deepEqual(await gridStates(page), statesOf(want));
  assert.match(await page.textContent('#editor-nodes .ed-size'), /lines/);

  // a file dropped on the DaemonSet editor
  const ds = ex.ds.replace('my-daemonset', 'dropped');
  before = await evaluations(page);
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'ds.yaml', { type: 'text/yaml' }));
    const target = document.querySelector('#ed-ds');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, ds);
  await waitForResult(page, before);
  assert.equal(await page.inputValue('#ed-ds'), ds);
  assert.match(await page.textContent('#counts tbody'), /dropped/);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('pods already running: the DaemonSet’s own pod is shown on its node, others use resources', async () => {
  const ex = examples().find((e) => e.id === 'my-daemonset');
  const page = await openPage(env.browser);
  await page.goto(env.srv.url);
  await waitForResult(page);
  const nodes = `nodes:
  - name: cp
    taints: ["node-role.kubernetes.io/control-plane:NoSchedule"]
    pods: [{name: my-daemonset-old, labels: {app: my-daemonset}, phase: Running, ready: true}]
  - name: w1
    pods: [{name: my-daemonset-abcde, labels: {app: my-daemonset}, phase: Running, ready: true}, {name: big, requests: {cpu: 3900m}}]
  - name: w2
`;
  await paste(page, 'Nodes', nodes);
  const want = await expectedReport(ex.ds, nodes);
  assert.deepEqual(await gridStates(page), statesOf(want));
  assert.equal(want.status.basis, 'observed');
  assert.match(await page.textContent('#counts .basis'), /Observed/);
  await page.click('#grid [data-node="cp"]');
  await explained(page);
  const text = await page.textContent('#explain');
  assert.match(text, /pod my-daemonset-old\S* is already on the node \(Running, Ready, /);
  assert.match(text, /a pod already running stays/);
  await page.click('[role=tab][data-tab="status"]');
  assert.equal(await page.textContent('td[data-counter="numberMisscheduled"]'), String(want.status.numberMisscheduled));
  await page.close();
});

test('a text over a megabyte stays out of the textarea; its errors show the lines around them', async () => {
  const page = await openPage(env.browser);
  await page.goto(env.srv.url);
  await waitForResult(page);
  const { bigCluster } = await import('./helpers.mjs');
  const big = bigCluster(17000);
  assert.ok(big.length > 1 << 20);
  const text = `${big}  - name: node-00001\n`;
  const before = await evaluations(page);
  await editor(page, 'Nodes').evaluate((ta, v) => {
    ta.focus();
    ta.select();
    const dt = new DataTransfer();
    dt.setData('text/plain', v);
    ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
  await waitForResult(page, before, 60000);
  assert.equal(await page.isVisible('#editor-nodes .ed-large'), true);
  assert.equal(await page.isVisible('#ed-nodes'), false);
  // the duplicate node: the engine's line, shown with the lines around it
  const { Simulator } = await loadEngine();
  const sim = new Simulator();
  const summary = sim.setCluster(text);
  sim.free();
  assert.ok(summary.errors.length > 0);
  const line = summary.errors[0].line;
  assert.equal(await page.getAttribute('#diag-nodes li.error', 'data-line'), String(line));
  assert.equal(await page.isVisible('#editor-nodes .ed-excerpt'), true);
  const marked = await page.textContent('#editor-nodes .ex-line.error');
  assert.ok(marked.trim().startsWith(String(line)), marked);
  assert.ok(marked.includes(text.split('\n')[line - 1].trim()), marked);
  await shot(page, 'large-input');
  // "Edit it here" puts the text in the textarea after all
  await page.click('#editor-nodes .ed-show');
  assert.equal(await page.isVisible('#ed-nodes'), true);
  assert.equal((await page.inputValue('#ed-nodes')).length, text.length);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('work is kept on this device: a reload brings back the edited texts, the tab and the node; Forget removes it', async () => {
  const page = await openPage(env.browser);
  await page.goto(env.srv.url);
  await waitForResult(page);
  const first = examples()[0];
  assert.equal(await page.isHidden('#forget'), true, 'an example as it is needs nothing kept');
  // an example, another tab and a node: kept as the example's id, not as a copy
  // (its own result awaited: a click on the grid before it lands on the old one)
  let n = await evaluations(page);
  await page.selectOption('#example', 'fluentd');
  await page.waitForFunction(() => document.querySelector('#example').value === 'fluentd');
  await waitForResult(page, n);
  await page.click('#grid [data-node="worker-2"]');
  await explained(page);
  await page.click('[role=tab][data-tab="status"]');
  await page.reload();
  await waitForResult(page);
  assert.equal(await page.inputValue('#example'), 'fluentd');
  assert.equal(await page.getAttribute('[role=tab][data-tab="status"]', 'aria-selected'), 'true');
  await page.click('[role=tab][data-tab="coverage"]');
  await explained(page);
  assert.match(await page.textContent('#explain'), /worker-2/);
  const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('dssim.work')));
  assert.equal(kept.example, 'fluentd');
  assert.equal(kept.ds, '', 'no copy of an example');
  // own input: the texts themselves are kept, and nothing else is stored
  const ds = (await page.inputValue('#ed-ds')).replace('name: fluentd', 'name: fluentd-kept');
  await paste(page, 'DaemonSet', ds);
  assert.equal(await page.isVisible('#forget'), true);
  await page.reload();
  await waitForResult(page);
  assert.equal(await page.inputValue('#ed-ds'), ds);
  assert.equal(await page.inputValue('#example'), '');
  assert.match(await page.textContent('#panels'), /fluentd-kept/);
  await shot(page, 'work-kept', { fullPage: false });
  // Forget: the kept input is gone, the first example is back
  n = await evaluations(page);
  await page.click('#forget');
  await page.waitForFunction((id) => document.querySelector('#example').value === id, first.id);
  await waitForResult(page, n);
  // what stays is the first example's id, never a text
  const after = await page.evaluate(() => JSON.parse(localStorage.getItem('dssim.work') || 'null'));
  assert.ok(after === null || (after.ds === '' && after.nodes === '' && after.example === first.id), JSON.stringify(after));
  assert.equal(await page.isHidden('#forget'), true);
  // an embed keeps nothing
  await page.goto(`${env.srv.url}?embed=1&example=fluentd`);
  await waitForResult(page);
  await page.evaluate(() => localStorage.removeItem('dssim.work'));
  await page.click('#grid [data-node="worker-2"]');
  await explained(page);
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
  assert.equal(await page.evaluate(() => localStorage.getItem('dssim.work')), null);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});
