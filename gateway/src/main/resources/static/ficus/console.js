// The console's shared helpers: calls to the admin API with the session and its CSRF token, Mustache rendering,
// the page header, polling. Everything shown comes from /ficus/api JSON.
const Ficus = (() => {
  const LOGIN = '/ficus/login.html';

  function csrf() {
    const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
    return cookie ? decodeURIComponent(cookie.substring(11)) : '';
  }

  /** A call of the admin API: {ok, status, data}; a lost session goes back to the login page. */
  async function api(path, options = {}) {
    const method = options.method || 'GET';
    const headers = {'Accept': 'application/json'};
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['X-XSRF-TOKEN'] = csrf();
    const response = await fetch(path, {method, headers, credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body)});
    if (response.status === 401) {
      location.href = LOGIN;
      throw new Error('not logged in');
    }
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = {message: text}; }
    return {ok: response.ok, status: response.status, data};
  }

  /** The data of an endpoint that may not exist (yet), or null. */
  async function optional(path) {
    try {
      const answer = await api(path);
      return answer.ok ? answer.data : null;
    } catch (e) {
      return null;
    }
  }

  function render(templateId, view) {
    return Mustache.render(document.getElementById(templateId).innerHTML, view);
  }

  const shown = new Map();

  /** Replaces an element's content only when it changed, so a refresh keeps what the user is looking at. */
  function swap(id, html) {
    if (shown.get(id) === html) return;
    shown.set(id, html);
    document.getElementById(id).innerHTML = html;
  }

  function time(iso) {
    return iso ? new Date(iso).toLocaleString() : '';
  }

  function percent(fraction) {
    return fraction === null || fraction === undefined ? '–' : (100 * fraction).toFixed(2) + ' %';
  }

  function millis(value) {
    return value === null || value === undefined ? '–' : Number(value).toFixed(1) + ' ms';
  }

  /** Fills the header (pages, user, logout) and marks the body with the user's role. */
  async function header(here) {
    const pages = [['routes', 'Routes', '/ficus/'], ['comparisons', 'Comparisons', '/ficus/comparisons.html'],
      ['timeline', 'Timeline', '/ficus/timeline.html'], ['sync', 'Sync', '/ficus/sync.html']];
    const me = (await api('/ficus/api/console/me')).data;
    document.body.dataset.role = me.operator ? 'operator' : 'viewer';
    const head = document.createElement('header');
    head.innerHTML = '<strong>Ficus</strong>' + pages.map(([id, name, href]) =>
        `<a id="nav-${id}" href="${href}" class="${id === here ? 'here' : ''}">${name}</a>`).join('')
        + `<span class="who" id="who"></span>`
        + `<form method="post" action="/ficus/logout"><input type="hidden" name="_csrf"><button id="logout">Log out</button></form>`;
    head.querySelector('#who').textContent = me.user + (me.operator ? ' (operator)' : ' (viewer: read only)');
    head.querySelector('form').addEventListener('submit', e => e.target._csrf.value = csrf());
    document.body.prepend(head);
    return me;
  }

  /** Runs fn now and every ms milliseconds; a failing round is shown, the next one tries again. */
  function poll(fn, ms, errorId) {
    const round = () => fn().catch(e => {
      const where = errorId && document.getElementById(errorId);
      if (where) where.textContent = 'Could not refresh: ' + e.message;
    });
    round();
    return setInterval(round, ms);
  }

  return {api, optional, render, swap, time, percent, millis, header, poll, csrf};
})();
