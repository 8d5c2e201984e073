// The dead-letter panel: per managed queue, the depth of {queue}.dlq, its reasons with counts, the
// oldest dead letter and a sample body, and a Replay button that starts a replay job and follows it.
(function () {
  'use strict';

  var POLL_MS = 3000;
  var SAMPLE_CHARS = 80;
  var jobs = {};  // queue -> {id, state, moved}

  function $(id) { return document.getElementById(id); }

  function cell(cls, text) {
    var td = document.createElement('td');
    if (cls) { td.className = cls; }
    td.textContent = text === undefined || text === null ? '–' : String(text);
    return td;
  }

  // dashboard.js (loaded first) owns the API calls: session cookie, JSON content type, 401 → login.
  var call = window.vazao.api;

  function path(queue) { return '/api/v1/queues/' + encodeURIComponent(queue) + '/dead-letters'; }

  function reasons(byReason) {
    var parts = [];
    Object.keys(byReason || {}).forEach(function (r) { parts.push(r + ' ' + byReason[r]); });
    return parts.length ? parts.join(', ') : '–';
  }

  function time(ms) { return ms ? new Date(ms).toLocaleTimeString() : '–'; }

  function sample(report) {
    var m = report.messages && report.messages[0];
    if (!m) { return '–'; }
    var text = (m.bodyPreview || '').replace(/\s+/g, ' ');
    return text.length > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS - 1) + '…' : text;
  }

  function replayCell(queue, report) {
    var td = document.createElement('td');
    var job = jobs[queue];
    if (job && job.state === 'running') {
      td.className = 'dlq-progress';
      td.textContent = 'replaying: ' + job.moved + ' moved';
      return td;
    }
    if (job) {
      var last = document.createElement('span');
      last.className = 'dlq-last muted small';
      last.textContent = 'last replay ' + job.state + ': ' + job.moved + ' moved ';
      td.appendChild(last);
    }
    if (report && report.depth > 0) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'secondary dlq-replay';
      b.textContent = 'Replay';
      b.setAttribute('data-queue', queue);
      b.addEventListener('click', function () { replay(queue); });
      td.appendChild(b);
    }
    return td;
  }

  function row(queue, report, problem) {
    var tr = document.createElement('tr');
    tr.setAttribute('data-queue', queue);
    tr.appendChild(cell('queue', queue));
    tr.appendChild(cell('dlq-depth num', report ? report.depth : problem));
    tr.appendChild(cell('dlq-reasons', report ? reasons(report.byReason) : ''));
    tr.appendChild(cell('dlq-oldest', report ? time(report.oldest) : ''));
    tr.appendChild(cell('dlq-sample mono', report ? sample(report) : ''));
    tr.appendChild(replayCell(queue, report));
    return tr;
  }

  function follow(queue) {
    var job = jobs[queue];
    if (!job || job.state !== 'running') { return Promise.resolve(); }
    return call('GET', path(queue) + '/replay/' + encodeURIComponent(job.id)).then(function (res) {
      if (res.ok && res.body) { jobs[queue] = res.body; }
    });
  }

  function replay(queue) {
    call('POST', path(queue) + '/replay', {}).then(function (res) {
      if (res.status === 202 && res.body) {
        jobs[queue] = res.body;
        refresh();
      }
    });
  }

  function queues() {
    return call('GET', '/api/v1/policies').then(function (res) {
      return res.ok && res.body ? Object.keys(res.body.policies || {}).sort() : [];
    });
  }

  function refresh() {
    return queues().then(function (names) {
      return Promise.all(names.map(function (q) {
        return follow(q).then(function () {
          if (jobs[q] && jobs[q].state === 'running') { return row(q, null, 'replaying'); }
          return call('GET', path(q) + '?limit=1').then(function (res) {
            return res.ok ? row(q, res.body) : row(q, null, res.status === 409 ? 'busy' : 'unavailable');
          });
        });
      }));
    }).then(function (rows) {
      var body = $('dlq').querySelector('tbody');
      body.textContent = '';
      rows.forEach(function (r) { body.appendChild(r); });
    }).catch(function () { /* the connection badge of the main page tells */ });
  }

  function loop() {
    refresh().then(function () { window.setTimeout(loop, POLL_MS); });
  }

  loop();
})();
