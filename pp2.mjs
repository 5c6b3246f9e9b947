import { Worker, isMainThread, parentPort } from 'node:worker_threads';
function work() { let o = []; for (let r = 0; r < 2e6; r++) { o.push({ a: r, b: 'x' + r }); if (o.length > 1000) o = []; } return o.length; }
if (isMainThread) {
  const t = performance.now(); work(); console.log('alone', (performance.now()-t).toFixed(0));
  const w = new Worker(new URL(import.meta.url)); await new Promise(r => w.once('online', r));
  const t2 = performance.now(); w.postMessage(1); work(); console.log('with worker', (performance.now()-t2).toFixed(0)); await new Promise(r => w.once('message', r)); console.log('total', (performance.now()-t2).toFixed(0)); w.terminate();
} else { parentPort.once('message', () => { const t = performance.now(); work(); parentPort.postMessage((performance.now()-t)); }); }
