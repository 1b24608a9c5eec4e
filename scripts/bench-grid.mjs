// Times the Coverage tab's node grid on a big cluster in headless Chromium
// (numbers only, never asserted): the paste of a shorthand node list until
// the grid is shown, a search typed key by key, a state chip clicked, frame
// gaps while the grid is scrolled, and the DOM's size.
//
//   node scripts/bench-grid.mjs          # [--nodes 65000]
//
// The site is dist/ (tests/e2e/helpers.mjs builds it when web/ is newer).
// For each keystroke and click: `sync`, the event's handlers (the grid's
// filtering and drawing); `frame`, until the next frame has been painted;
// `done`, until the grid is complete (a grid that draws its rows a chunk per
// frame sets aria-busy meanwhile).
import { startServer, launch, openPage, waitForResult, paste, examples, poolCluster } from '../tests/e2e/helpers.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const N = Number(arg('--nodes', '65000'));

const srv = await startServer();
const browser = await launch();
try {
  const page = await openPage(browser);
  await page.goto(`${srv.url}?example=my-daemonset`);
  await waitForResult(page);
  const ds = examples().find((e) => e.id === 'my-daemonset').ds;
  const nodes = poolCluster(N);

  // long tasks while the page takes the paste
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: false });
  });
  const t0 = Date.now();
  await paste(page, 'Nodes', nodes, 300000);
  const pasteMs = Date.now() - t0;
  const long = await page.evaluate(() => window.__long.splice(0));
  const dom = () => page.evaluate(() => ({
    elements: document.getElementsByTagName('*').length,
    cells: document.querySelectorAll('#grid [role=gridcell]').length,
    heapMB: performance.memory ? Math.round(performance.memory.usedJSHeapSize / 1048576) : null,
  }));
  console.log(`${N.toLocaleString('en-US')} nodes: paste to grid shown ${pasteMs} ms (engine included); longest main-thread task ${Math.round(Math.max(0, ...long))} ms`);
  console.log('DOM after the paste:', JSON.stringify(await dom()));
  // The render of the grid alone: the Coverage view draws the same report again on a language switch and back (relabel).
  await page.evaluate(() => {
    window.__time = async (act) => {
      const grid = document.querySelector('#grid');
      const t = performance.now();
      act();
      const sync = performance.now() - t;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const frame = performance.now() - t;
      while (grid.getAttribute('aria-busy') === 'true') await new Promise((r) => requestAnimationFrame(r));
      const done = performance.now() - t;
      return { sync: Math.round(sync * 10) / 10, frame: Math.round(frame * 10) / 10, done: Math.round(done * 10) / 10 };
    };
  });

  // a search typed key by key, then cleared
  const typed = 'pool-g-4242';
  const keys = [];
  for (let k = 1; k <= typed.length; k++) {
    keys.push(await page.evaluate((v) => window.__time(() => {
      const s = document.querySelector('#search');
      s.value = v;
      s.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
    }), typed.slice(0, k)));
  }
  const shownAfter = await page.textContent('#shown');
  const clear = await page.evaluate(() => window.__time(() => {
    const s = document.querySelector('#search');
    s.value = '';
    s.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
  }));
  const label = await page.evaluate(() => window.__time(() => {
    const s = document.querySelector('#search');
    s.value = 'rack=r-last';
    s.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }));
  const clear2 = await page.evaluate(() => window.__time(() => {
    const s = document.querySelector('#search');
    s.value = '';
    s.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
  }));
  const worst = (xs, k) => Math.max(...xs.map((x) => x[k]));
  console.log(`search "${typed}" typed key by key (${shownAfter}): per key sync ${keys.map((x) => x.sync).join(', ')} ms; worst sync ${worst(keys, 'sync')}, frame ${worst(keys, 'frame')}, done ${worst(keys, 'done')} ms`);
  console.log(`search cleared: ${JSON.stringify(clear)}; "rack=r-last" pasted: ${JSON.stringify(label)}; cleared again: ${JSON.stringify(clear2)}`);

  // a chip: scheduled off (most nodes leave), then on again
  const off = await page.evaluate(() => window.__time(() => document.querySelector('#chips .chip[data-state="scheduled"]').click()));
  const on = await page.evaluate(() => window.__time(() => document.querySelector('#chips .chip[data-state="scheduled"]').click()));
  console.log(`filter click (scheduled off): ${JSON.stringify(off)}; (on again): ${JSON.stringify(on)}`);

  // scrolling: 240 px a frame from the top to the bottom (at most 600 frames), then jumps of a fifth of the height
  const scroll = await page.evaluate(async () => {
    const grid = document.querySelector('#grid');
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    grid.scrollTop = 0;
    await frame();
    await frame();
    const gaps = [];
    let last = performance.now();
    for (let i = 0; i < 600 && grid.scrollTop + grid.clientHeight < grid.scrollHeight - 1; i++) {
      grid.scrollTop += 240;
      const now = await frame();
      gaps.push(now - last);
      last = now;
    }
    const jumps = [];
    for (let k = 1; k <= 5; k++) {
      grid.scrollTop = (grid.scrollHeight * k) / 5 - grid.clientHeight;
      const now = await frame();
      jumps.push(now - last);
      last = now;
    }
    gaps.sort((a, b) => a - b);
    const q = (f) => Math.round(gaps[Math.min(gaps.length - 1, Math.floor(f * gaps.length))] * 10) / 10;
    return { frames: gaps.length, median: q(0.5), p95: q(0.95), max: q(1), jumps: jumps.map((j) => Math.round(j)), height: grid.scrollHeight };
  });
  console.log(`scroll 240 px a frame over ${scroll.frames} frames (grid ${scroll.height} px high): frame gap median ${scroll.median}, p95 ${scroll.p95}, max ${scroll.max} ms; jumps by a fifth: ${scroll.jumps.join(', ')} ms`);
  console.log('DOM at the end:', JSON.stringify(await dom()));
  if (page.log.errors.length) console.log('page errors:', page.log.errors);
} finally {
  await browser.close();
  await srv.close();
}
