// The /ui page of `pai server`: today's token spend against the daily caps, per model provider and
// per access key, a 14-day chart of each, and the latest refusals and fallbacks, refreshed every
// few seconds from GET /v1/usage and GET /v1/requests (docs/ui.md).
//
// Served as a static file with a strict Content-Security-Policy (no inline script or style), so
// everything here is in this file. Names, model ids and error codes come from users and clients:
// they reach the page only through textContent (never innerHTML), so they are always text.
// The admin token lives in sessionStorage: entered once per browser tab, gone when it closes.
'use strict';

(() => {
  const TOKEN_KEY = 'pai.adminToken';
  const POLL_MS = 3000;
  const EVENTS_SHOWN = 20;
  const CHART_SERIES = 8;
  const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
  const SECTIONS = /** @type {const} */ (['provider', 'accessKey']);

  const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const count = new Intl.NumberFormat('en-US');
  const fmt = (n) => (n === null || n === undefined ? '—' : count.format(n));

  /** A refusal of the credential: the page forgets the token and shows no data. */
  class AuthError extends Error {}

  /** Bumped when the token changes, so that an answer to an earlier token is never shown. */
  let session = 0;
  let timer = 0;
  /** @type {Record<string, {chart: any, names: string}>} */
  const charts = {};

  async function api(path, token) {
    const res = await fetch(path, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
    let body;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    if (res.ok) return body;
    const e = body && body.error;
    const message = e ? `${e.message}${e.hint ? ` — ${e.hint}` : ''}` : `the server answered HTTP ${res.status}`;
    throw res.status === 401 || res.status === 403 ? new AuthError(message) : new Error(message);
  }

  function showError(message) {
    const el = byId('error');
    el.textContent = message;
    el.hidden = !message;
  }

  /** Builds a table cell holding text (and a class, for numbers). */
  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function spendCell(item) {
    const td = document.createElement('td');
    if (item.cap === null) {
      td.textContent = 'no cap';
      return td;
    }
    const meter = document.createElement('meter');
    meter.min = 0;
    meter.max = Math.max(item.cap, 1);
    meter.value = item.today.used;
    meter.high = meter.max * 0.8;
    meter.optimum = 0;
    const share = item.cap > 0 ? Math.round((item.today.used / item.cap) * 100) : 100;
    meter.title = `${share}% of the daily cap`;
    td.append(meter, ` ${share}%`);
    return td;
  }

  function renderUsage(section, report) {
    const root = byId(section);
    const rows = report.items.map((item) => {
      const tr = document.createElement('tr');
      tr.dataset.name = item.name;
      const today = item.days[item.days.length - 1] || { requests: 0, refusals: 0 };
      tr.append(
        cell(item.name, 'name'),
        cell(fmt(item.today.used), 'num used'),
        cell(fmt(item.cap), 'num cap'),
        cell(fmt(item.today.remaining), 'num remaining'),
        spendCell(item),
        cell(fmt(today.requests), 'num requests'),
        cell(fmt(today.refusals), 'num refusals'),
      );
      return tr;
    });
    if (rows.length === 0) {
      const tr = document.createElement('tr');
      const td = cell('none configured', 'empty');
      td.colSpan = 7;
      tr.append(td);
      rows.push(tr);
    }
    root.querySelector('tbody').replaceChildren(...rows);
    renderChart(section, root.querySelector('.chart'), report);
  }

  /** Tokens (in + out) per day of the busiest items of the window, one line each. */
  function renderChart(section, container, report) {
    const total = (item) => item.days.reduce((sum, d) => sum + d.tokensIn + d.tokensOut, 0);
    const shown = [...report.items].sort((a, b) => total(b) - total(a) || (a.name < b.name ? -1 : 1)).slice(0, CHART_SERIES);
    const x = report.dates.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const data = [x, ...shown.map((item) => item.days.map((d) => d.tokensIn + d.tokensOut))];
    const names = JSON.stringify(shown.map((i) => i.name));
    const existing = charts[section];
    if (existing && existing.names === names) {
      existing.chart.setData(data);
      return;
    }
    if (existing) existing.chart.destroy();
    const uPlot = /** @type {any} */ (window).uPlot;
    const chart = new uPlot(
      {
        title: 'Tokens per day (UTC), last 14 days',
        width: Math.max(container.clientWidth, 320),
        height: 220,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { y: { range: (_u, _min, max) => [0, Math.max(max, 10)] } },
        series: [{ label: 'day' }, ...shown.map((item, i) => ({ label: item.name, stroke: COLORS[i % COLORS.length], width: 2, points: { show: true } }))],
        axes: [{}, { size: 70, values: (_u, ticks) => ticks.map((t) => count.format(t)) }],
      },
      data,
      container,
    );
    charts[section] = { chart, names };
  }

  function renderEvents(refused, fallbacks) {
    const seen = new Set();
    const items = [...refused.items, ...fallbacks.items]
      .filter((r) => !seen.has(r.id) && seen.add(r.id))
      .sort((a, b) => b.id - a.id)
      .slice(0, EVENTS_SHOWN);
    const rows = items.map((r) => {
      const tr = document.createElement('tr');
      tr.append(
        cell(r.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z')),
        cell(r.accessKey ?? '—', 'name'),
        cell(r.requested ?? r.model ?? '—', 'name'),
        cell(r.provider ?? '—', 'name'),
        cell(String(r.status), 'num'),
        cell(r.code ?? '—', 'code'),
        cell(String(r.fallbacks), 'num'),
      );
      return tr;
    });
    if (rows.length === 0) {
      const tr = document.createElement('tr');
      const td = cell('none yet', 'empty');
      td.colSpan = 7;
      tr.append(td);
      rows.push(tr);
    }
    byId('events').querySelector('tbody').replaceChildren(...rows);
  }

  function clearData() {
    for (const section of SECTIONS) {
      charts[section]?.chart.destroy();
      delete charts[section];
      byId(section).querySelector('tbody').replaceChildren();
    }
    byId('events').querySelector('tbody').replaceChildren();
    byId('data').hidden = true;
  }

  function showSignedIn(signedIn) {
    byId('login').hidden = signedIn;
    byId('session').hidden = !signedIn;
  }

  /** Fetches everything, shows it, and schedules the next refresh; forgets the token if refused. */
  async function refresh(token, mine) {
    try {
      const [provider, accessKey, refused, fallbacks] = await Promise.all([
        api('/v1/usage?days=14&by=provider', token),
        api('/v1/usage?days=14&by=accessKey', token),
        api(`/v1/requests?refused=true&limit=${EVENTS_SHOWN}`, token),
        api(`/v1/requests?fallback=true&limit=${EVENTS_SHOWN}`, token),
      ]);
      if (mine !== session) return;
      sessionStorage.setItem(TOKEN_KEY, token);
      showSignedIn(true);
      showError('');
      byId('data').hidden = false;
      renderUsage('provider', provider);
      renderUsage('accessKey', accessKey);
      renderEvents(refused, fallbacks);
      byId('updated').textContent = `updated ${new Date().toISOString().slice(11, 19)} UTC · today is ${provider.today}`;
    } catch (err) {
      if (mine !== session) return;
      if (err instanceof AuthError) {
        forget();
        showError(`The token was refused: ${err.message}`);
        return;
      }
      // A server restarting or a network blip: keep what is shown and say it is not current.
      showError(`Could not refresh: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (mine === session) timer = window.setTimeout(() => void refresh(token, mine), POLL_MS);
  }

  function start(token) {
    stop();
    void refresh(token, session);
  }

  /** Stops refreshing and clears the page. */
  function stop() {
    session++;
    window.clearTimeout(timer);
    clearData();
    showSignedIn(false);
  }

  /** Forgets the token and everything shown with it. */
  function forget() {
    stop();
    sessionStorage.removeItem(TOKEN_KEY);
  }

  byId('login').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = /** @type {HTMLInputElement} */ (byId('token'));
    const token = input.value.trim();
    input.value = '';
    if (!token) {
      showError('Enter an admin token (pai_tok_…): `pai token create --name ui --role read` makes one that can only read.');
      return;
    }
    showError('');
    start(token);
  });
  byId('logout').addEventListener('click', () => {
    forget();
    showError('');
  });
  window.addEventListener('resize', () => {
    for (const section of SECTIONS) {
      const entry = charts[section];
      if (entry) entry.chart.setSize({ width: Math.max(byId(section).querySelector('.chart').clientWidth, 320), height: 220 });
    }
  });

  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) start(saved);
})();
