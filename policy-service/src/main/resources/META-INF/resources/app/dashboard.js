// The vazao dashboard: one page fed by two Server-Sent Event streams (status every tick, scaling
// events as they happen) plus a light poll of the workers list. No framework and no build step; the
// only library is uPlot for the time series. All text goes through textContent (queue names, reasons
// and worker ids come from outside).
(function () {
  'use strict';

  var HISTORY_SECONDS = 600;      // what the charts keep: ten minutes
  var MAX_EVENTS = 200;
  var WORKERS_POLL_MS = 2000;
  var STREAM_RETRY_MS = 3000;
  var PALETTE = ['#2563eb', '#d97706', '#059669', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#dc2626'];

  var state = {
    queues: [],                 // queue names in display order
    policies: {},               // queue -> Policy, from the status stream
    hist: {t: [], budget: [], q: {}},
    charts: {queue: {}, scaling: null, scalingKey: ''},
    events: [],
    eventKeys: {},
    selected: null,
    dirty: false
  };

  // ---------------------------------------------------------------- helpers

  function $(id) { return document.getElementById(id); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function num(v, digits) {
    if (v === null || v === undefined || v === '' || isNaN(v)) { return '–'; }
    return Number(v).toFixed(digits || 0);
  }

  function mib(bytes) { return bytes ? (bytes / 1048576).toFixed(0) + ' MiB' : '–'; }

  function clock(ts) {
    var d = new Date(ts);
    return d.toLocaleTimeString([], {hour12: false});
  }

  function color(i) { return PALETTE[i % PALETTE.length]; }

  function toLogin() {
    window.location.replace('/login.html?next=' + encodeURIComponent(window.location.pathname));
  }

  // Every call carries the session cookie; a 401 means the session is gone: back to the login page.
  function api(method, path, body) {
    var init = {method: method, credentials: 'same-origin', headers: {'Accept': 'application/json'}};
    if (method !== 'GET') {
      // The service refuses cookie-authenticated changes that are not declared JSON (CSRF defence),
      // bodiless ones (pause, resume, purge) included.
      init.headers['Content-Type'] = 'application/json';
    }
    if (body !== undefined) {
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (res) {
      if (res.status === 401) {
        toLogin();
        throw new Error('not signed in');
      }
      return res.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = {error: text}; }
        return {status: res.status, ok: res.ok, body: json};
      });
    });
  }

  // The other panels (dead-letters.js) call the API through this one function.
  window.vazao = {api: api};

  function setConn(text, cls) {
    var c = $('conn');
    c.textContent = text;
    c.className = 'badge ' + (cls || '');
  }

  // ---------------------------------------------------------------- status

  function onStatus(s) {
    $('total-target').textContent = num(s.totalTarget);
    $('total-live').textContent = num(s.totalLive);
    $('budget').textContent = num(s.budget);
    var broker = $('broker');
    broker.textContent = s.brokerReachable ? 'broker ok' : 'broker unreachable';
    broker.className = 'badge ' + (s.brokerReachable ? 'ok' : 'bad');

    var errors = s.configErrors || [];
    var banner = $('config-errors');
    banner.hidden = errors.length === 0;
    banner.textContent = errors.join(' · ');

    var queues = (s.queues || []).slice().sort(function (a, b) { return a.queue < b.queue ? -1 : 1; });
    var names = queues.map(function (q) { return q.queue; });
    var changed = names.join('\u0000') !== state.queues.join('\u0000');
    state.queues = names;
    queues.forEach(function (q) { if (q.policy) { state.policies[q.queue] = q.policy; } });

    renderQueueTable(queues);
    renderWeights(queues);
    record(s, queues);
    if (changed) { rebuildCharts(); } else { updateCharts(); }
    syncPolicyForm(changed);
  }

  function renderQueueTable(queues) {
    var body = $('queues').tBodies[0];
    var rows = {};
    Array.prototype.forEach.call(body.rows, function (r) { rows[r.dataset.queue] = r; });
    queues.forEach(function (q, i) {
      var r = rows[q.queue];
      if (!r) {
        r = el('tr');
        r.dataset.queue = q.queue;
        ['queue', 'ready num', 'unacked num', 'publish num', 'ack num', 'target num', 'live num',
          'weight num', 'state', 'reason'].forEach(function (c) { r.appendChild(el('td', c)); });
      }
      body.appendChild(r);  // re-append keeps the sorted order
      delete rows[q.queue];
      var p = q.policy || {};
      var cells = r.cells;
      cells[0].textContent = q.queue;
      cells[0].style.borderLeft = '4px solid ' + color(i);
      cells[1].textContent = num(q.ready);
      cells[2].textContent = num(q.unacked);
      cells[3].textContent = num(q.publishRate, 1);
      cells[4].textContent = num(q.ackRate, 1);
      cells[5].textContent = num(q.target);
      cells[6].textContent = num(q.liveWorkers);
      cells[7].textContent = p.weight === undefined ? '–' : String(p.weight);
      cells[8].textContent = p.paused ? 'paused' : 'active';
      cells[9].textContent = q.reason || '';
      r.classList.toggle('paused', !!p.paused);
    });
    Object.keys(rows).forEach(function (k) { rows[k].remove(); });
  }

  function renderWeights(queues) {
    var box = $('weights');
    box.textContent = '';
    var total = queues.reduce(function (sum, q) { return sum + ((q.policy && q.policy.weight) || 0); }, 0);
    queues.forEach(function (q, i) {
      var w = (q.policy && q.policy.weight) || 0;
      var share = total > 0 ? w / total : 0;
      var item = el('span', 'weight', q.queue + ' weight ' + w + ' (' + Math.round(share * 100) + '%)');
      item.dataset.queue = q.queue;
      var bar = el('span', 'bar');
      bar.style.width = Math.max(2, Math.round(share * 120)) + 'px';
      bar.style.background = color(i);
      item.appendChild(bar);
      box.appendChild(item);
    });
  }

  // ---------------------------------------------------------------- history and charts

  function record(s, queues) {
    var h = state.hist;
    var t = (s.ts || Date.now()) / 1000;
    if (h.t.length && t <= h.t[h.t.length - 1]) { return; }  // same tick delivered twice
    var n = h.t.length;
    h.t.push(t);
    h.budget.push(s.budget === undefined ? null : s.budget);
    queues.forEach(function (q) {
      var series = h.q[q.queue];
      if (!series) {
        series = h.q[q.queue] = {ready: [], unacked: [], pub: [], ack: [], target: [], live: []};
        Object.keys(series).forEach(function (k) { for (var i = 0; i < n; i++) { series[k].push(null); } });
      }
      series.ready.push(q.ready);
      series.unacked.push(q.unacked);
      series.pub.push(q.publishRate);
      series.ack.push(q.ackRate);
      series.target.push(q.target);
      series.live.push(q.liveWorkers);
    });
    Object.keys(h.q).forEach(function (name) {
      var series = h.q[name];
      if (series.ready.length < h.t.length) {  // a queue that left: keep its past, no new points
        Object.keys(series).forEach(function (k) { series[k].push(null); });
      }
    });
    var cut = 0;
    while (cut < h.t.length && h.t[cut] < t - HISTORY_SECONDS) { cut++; }
    if (cut > 0) {
      h.t.splice(0, cut);
      h.budget.splice(0, cut);
      Object.keys(h.q).forEach(function (name) {
        var series = h.q[name];
        Object.keys(series).forEach(function (k) { series[k].splice(0, cut); });
      });
    }
  }

  function chartWidth(container) {
    return Math.max(320, (container.clientWidth || 600) - 4);
  }

  function queueChartData(name) {
    var s = state.hist.q[name];
    return [state.hist.t, s.ready, s.unacked, s.pub, s.ack];
  }

  function scalingChartData() {
    var data = [state.hist.t];
    state.queues.forEach(function (name) {
      data.push(state.hist.q[name].target);
      data.push(state.hist.q[name].live);
    });
    data.push(state.hist.budget);
    return data;
  }

  function rebuildCharts() {
    if (typeof uPlot === 'undefined') { return; }
    var grid = $('queue-charts');
    Object.keys(state.charts.queue).forEach(function (name) {
      if (state.queues.indexOf(name) < 0) {
        state.charts.queue[name].plot.destroy();
        state.charts.queue[name].card.remove();
        delete state.charts.queue[name];
      }
    });
    state.queues.forEach(function (name) {
      if (state.charts.queue[name]) { return; }
      var card = el('div', 'chart-card');
      card.dataset.queue = name;
      card.appendChild(el('h3', null, name));
      var holder = el('div', 'chart');
      card.appendChild(holder);
      grid.appendChild(card);
      var plot = new uPlot({
        width: chartWidth(card), height: 200,
        scales: {x: {time: true}, rate: {auto: true}},
        series: [
          {},
          {label: 'ready', stroke: '#2563eb', width: 2},
          {label: 'unacked', stroke: '#d97706', width: 2},
          {label: 'publish/s', stroke: '#059669', width: 1, scale: 'rate', dash: [4, 4]},
          {label: 'ack/s', stroke: '#7c3aed', width: 1, scale: 'rate', dash: [4, 4]}
        ],
        axes: [{}, {label: 'messages'}, {scale: 'rate', side: 1, label: 'msg/s', grid: {show: false}}]
      }, queueChartData(name), holder);
      state.charts.queue[name] = {plot: plot, card: card};
    });

    var key = state.queues.join('\u0000');
    if (state.charts.scaling && state.charts.scalingKey === key) { updateCharts(); return; }
    if (state.charts.scaling) { state.charts.scaling.destroy(); }
    var series = [{}];
    state.queues.forEach(function (name, i) {
      series.push({label: name + ' target', stroke: color(i), width: 2});
      series.push({label: name + ' live', stroke: color(i), width: 2, dash: [6, 4]});
    });
    series.push({label: 'budget', stroke: '#dc2626', width: 1, dash: [2, 3]});
    var holder = $('scaling-chart');
    holder.textContent = '';
    state.charts.scaling = new uPlot({
      width: chartWidth(holder), height: 260,
      scales: {x: {time: true}, y: {range: function (u, min, max) { return [0, Math.max(2, max + 1)]; }}},
      series: series,
      axes: [{}, {label: 'workers'}]
    }, scalingChartData(), holder);
    state.charts.scalingKey = key;
  }

  function updateCharts() {
    if (typeof uPlot === 'undefined') { return; }
    state.queues.forEach(function (name) {
      var c = state.charts.queue[name];
      if (c) { c.plot.setData(queueChartData(name)); }
    });
    if (state.charts.scaling) { state.charts.scaling.setData(scalingChartData()); }
  }

  window.addEventListener('resize', function () {
    Object.keys(state.charts.queue).forEach(function (name) {
      var c = state.charts.queue[name];
      c.plot.setSize({width: chartWidth(c.card), height: 200});
    });
    if (state.charts.scaling) {
      state.charts.scaling.setSize({width: chartWidth($('scaling-chart')), height: 260});
    }
  });

  // ---------------------------------------------------------------- workers

  function renderWorkers(workers) {
    var body = $('workers').tBodies[0];
    body.textContent = '';
    workers.sort(function (a, b) {
      return a.queue === b.queue ? (a.workerId < b.workerId ? -1 : 1) : (a.queue < b.queue ? -1 : 1);
    });
    workers.forEach(function (w) {
      var r = el('tr', w.stale ? 'stale' : '');
      r.dataset.worker = w.workerId;
      r.dataset.queue = w.queue;
      r.appendChild(el('td', 'id', w.workerId));
      r.appendChild(el('td', 'queue', w.queue));
      r.appendChild(el('td', 'state', w.stale ? 'stale' : w.state));
      r.appendChild(el('td', 'age num', num((w.ageMillis || 0) / 1000, 1) + ' s'));
      r.appendChild(el('td', 'processed num', num(w.processed)));
      r.appendChild(el('td', 'celery num', num(w.celery || 0)));
      r.appendChild(el('td', 'failed num', num(w.failed)));
      r.appendChild(el('td', 'inflight num', num(w.inFlight)));
      r.appendChild(el('td', 'cpu num', num(w.cpu, 1)));
      r.appendChild(el('td', 'rss num', mib(w.rssBytes)));
      body.appendChild(r);
    });
  }

  function pollWorkers() {
    api('GET', '/api/v1/workers').then(function (res) {
      if (res.ok && res.body) { renderWorkers(res.body.workers || []); }
    }).catch(function () { /* shown by the connection badge */ })
      .then(function () { window.setTimeout(pollWorkers, WORKERS_POLL_MS); });
  }

  // ---------------------------------------------------------------- events

  function eventKey(e) {
    return [e.ts, e.queue, e.kind, e.from, e.to, e.workerId || ''].join('|');
  }

  function addEvents(list) {
    var box = $('events');
    list.forEach(function (e) {
      var k = eventKey(e);
      if (state.eventKeys[k]) { return; }
      state.eventKeys[k] = true;
      var li = el('li', 'event');
      li.dataset.key = k;
      li.dataset.queue = e.queue;
      li.dataset.kind = e.kind;
      li.appendChild(el('span', 'time muted', clock(e.ts) + ' '));
      li.appendChild(el('span', 'kind ' + e.kind, e.kind));
      li.appendChild(el('span', 'queue', e.queue + ' '));
      li.appendChild(el('span', 'change', e.from + ' → ' + e.to));
      if (e.workerId) { li.appendChild(el('span', 'worker muted', ' ' + e.workerId)); }
      li.appendChild(el('span', 'reason', e.reason || ''));
      li.dataset.ts = e.ts;
      // Keep the list ordered by time, newest on top, whatever order events arrive in.
      var before = null;
      for (var i = 0; i < box.children.length; i++) {
        if (Number(box.children[i].dataset.ts) <= e.ts) { before = box.children[i]; break; }
      }
      box.insertBefore(li, before);
    });
    while (box.children.length > MAX_EVENTS) {
      var last = box.lastElementChild;
      delete state.eventKeys[last.dataset.key];
      last.remove();
    }
  }

  // ---------------------------------------------------------------- streams

  // A browser keeps about six connections per host, and each open stream holds one. The streams of
  // a page the user navigates away from are closed at once, not when the browser gets round to
  // it: three dashboards' streams left open made the fourth page load wait a minute.
  var streams = {};
  var hidden = false;

  // EventSource reconnects by itself after a dropped connection; after a refused one (401, 5xx) it
  // stays closed, so check the session and open it again.
  function openStream(path, eventName, handler) {
    if (hidden) { return null; }
    var es = new EventSource(path, {withCredentials: true});
    streams[path] = es;
    es.addEventListener(eventName, function (ev) {
      try { handler(JSON.parse(ev.data)); } catch (e) { console.error('bad ' + eventName + ' event', e); }
    });
    es.onopen = function () { setConn('live', 'ok'); };
    es.onerror = function () {
      if (es.readyState === EventSource.CLOSED) {
        setConn('disconnected', 'bad');
        api('GET', '/api/v1/status').catch(function () { /* toLogin on 401 */ });
        window.setTimeout(function () { openStream(path, eventName, handler); }, STREAM_RETRY_MS);
      } else {
        setConn('reconnecting', 'bad');
      }
    };
    return es;
  }

  // ---------------------------------------------------------------- policy editor

  var FIELDS = [
    {field: 'weight', input: 'policy-weight', kind: 'decimal'},
    {field: 'minWorkers', input: 'policy-min', kind: 'integer'},
    {field: 'maxWorkers', input: 'policy-max', kind: 'integer'},
    {field: 'rateLimitPerSecond', input: 'policy-rate', kind: 'decimal', optional: true}
  ];

  function clearErrors() {
    document.querySelectorAll('#policy-form .field-error').forEach(function (p) {
      p.hidden = true;
      p.textContent = '';
    });
    FIELDS.forEach(function (f) { $(f.input).classList.remove('invalid'); });
    $('policy-saved').hidden = true;
  }

  function showError(field, text) {
    var target = null;
    FIELDS.forEach(function (f) {
      if (f.field === field) {
        target = document.querySelector('#policy-form .field-error[data-field="' + f.field + '"]');
        $(f.input).classList.add('invalid');
      }
    });
    if (!target) {
      target = $('policy-error');
      text = (field ? field + ': ' : '') + text;
    }
    target.textContent = target.hidden || !target.textContent ? text : target.textContent + '; ' + text;
    target.hidden = false;
  }

  function showSaved(text) {
    var p = $('policy-saved');
    p.textContent = text;
    p.hidden = false;
  }

  function syncPolicyForm(queuesChanged) {
    var select = $('policy-queue');
    if (queuesChanged) {
      var keep = state.selected;
      select.textContent = '';
      state.queues.forEach(function (name) {
        var o = el('option', null, name);
        o.value = name;
        select.appendChild(o);
      });
      state.selected = state.queues.indexOf(keep) >= 0 ? keep : (state.queues[0] || null);
      if (state.selected) { select.value = state.selected; }
      if (keep !== state.selected) { state.dirty = false; }
    }
    if (!state.dirty) { fillPolicyForm(); }
    var p = state.policies[state.selected] || {};
    $('policy-pause').disabled = !state.selected || !!p.paused;
    $('policy-resume').disabled = !state.selected || !p.paused;
  }

  function fillPolicyForm() {
    var p = state.policies[state.selected];
    FIELDS.forEach(function (f) {
      var v = p ? p[f.field] : undefined;
      $(f.input).value = v === undefined || v === null ? '' : String(v);
    });
  }

  // A field that is not even a number never reaches the API; ranges and cross-field rules are the
  // API's to judge, and its violations are shown next to the field they name.
  function readForm() {
    var out = {};
    var bad = false;
    FIELDS.forEach(function (f) {
      var raw = $(f.input).value.trim();
      if (raw === '' && f.optional) { out[f.field] = null; return; }
      var pattern = f.kind === 'integer' ? /^[-+]?\d+$/ : /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
      if (!pattern.test(raw)) {
        showError(f.field, f.kind === 'integer' ? 'must be a whole number' : 'must be a number');
        bad = true;
        return;
      }
      out[f.field] = Number(raw);
    });
    return bad ? null : out;
  }

  function fieldOf(violation) {
    var f = String(violation.field || '');
    var dot = f.lastIndexOf('.');
    return dot >= 0 ? f.substring(dot + 1) : f;
  }

  function showApiErrors(res) {
    var body = res.body || {};
    var violations = body.violations || [];
    if (violations.length === 0) {
      showError('', body.error || ('HTTP ' + res.status));
    }
    violations.forEach(function (v) { showError(fieldOf(v), v.rule || v.message || 'invalid'); });
  }

  function savePolicy(ev) {
    ev.preventDefault();
    clearErrors();
    var queue = state.selected;
    if (!queue) { return; }
    var edits = readForm();
    if (!edits) { return; }
    var policy = Object.assign({}, state.policies[queue] || {}, edits);
    if (policy.rateLimitPerSecond === null) { delete policy.rateLimitPerSecond; }
    api('PUT', '/api/v1/policies/' + encodeURIComponent(queue), policy).then(function (res) {
      if (res.ok) {
        state.dirty = false;
        if (res.body && typeof res.body === 'object' && res.body.weight !== undefined) {
          state.policies[queue] = res.body;
        } else {
          state.policies[queue] = policy;
        }
        fillPolicyForm();
        showSaved('saved');
      } else {
        showApiErrors(res);
      }
    }).catch(function (e) { showError('', e.message); });
  }

  function queueAction(action, done) {
    clearErrors();
    var queue = state.selected;
    if (!queue) { return; }
    api('POST', '/api/v1/queues/' + encodeURIComponent(queue) + '/' + action).then(function (res) {
      if (res.ok) {
        if (res.body && res.body.weight !== undefined) {  // pause and resume answer with the policy
          state.policies[queue] = res.body;
          syncPolicyForm(false);
        }
        showSaved(done(res.body || {}));
      } else {
        showApiErrors(res);
      }
    }).catch(function (e) { showError('', e.message); });
  }

  function queueName(body) {
    return body && body.queue ? body.queue : state.selected;
  }

  function wireEditor() {
    $('policy-form').addEventListener('submit', savePolicy);
    // 'change' too: a field emptied or filled without typing (autofill, scripts) is an edit as well.
    ['input', 'change'].forEach(function (type) {
      $('policy-form').addEventListener(type, function (ev) {
        if (ev.target.id !== 'policy-queue') { state.dirty = true; }
      });
    });
    $('policy-queue').addEventListener('change', function () {
      state.selected = $('policy-queue').value;
      state.dirty = false;
      clearErrors();
      syncPolicyForm(false);
    });
    $('policy-pause').addEventListener('click', function () {
      queueAction('pause', function () { return 'paused'; });
    });
    $('policy-resume').addEventListener('click', function () {
      queueAction('resume', function () { return 'resumed'; });
    });
    $('policy-purge').addEventListener('click', function () {
      if (!state.selected) { return; }
      $('purge-queue').textContent = state.selected;
      $('purge-dialog').showModal();
    });
    $('purge-dialog').addEventListener('close', function () {
      if ($('purge-dialog').returnValue === 'purge') {
        queueAction('purge', function (body) {
          var n = typeof body.messageCount === 'number' ? body.messageCount : body.purged;
          return typeof n === 'number' ? 'purged ' + n + ' messages' : 'purged ' + queueName(body);
        });
      }
    });
  }

  // ---------------------------------------------------------------- start

  function start() {
    $('logout').addEventListener('click', function () {
      fetch('/api/v1/session', {method: 'DELETE', credentials: 'same-origin', headers: {'Content-Type': 'application/json'}})
        .finally(function () { window.location.replace('/login.html'); });
    });
    wireEditor();
    api('GET', '/api/v1/status').then(function (res) {
      if (res.ok && res.body) { onStatus(res.body); }
    }).catch(function () { /* toLogin on 401 */ });
    api('GET', '/api/v1/events?limit=100').then(function (res) {
      if (res.ok && res.body) { addEvents(res.body.events || []); }
    }).catch(function () { /* toLogin on 401 */ });
    openStreams();
    window.addEventListener('pagehide', function () {
      hidden = true;
      Object.keys(streams).forEach(function (path) { streams[path].close(); });
      streams = {};
    });
    window.addEventListener('pageshow', function (ev) {
      if (ev.persisted) { hidden = false; openStreams(); }
    });
    pollWorkers();
  }

  function openStreams() {
    openStream('/api/v1/status/stream', 'status', onStatus);
    openStream('/api/v1/events/stream', 'scaling', function (e) { addEvents([e]); });
  }

  start();
})();
