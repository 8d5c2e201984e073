// Login: trade the API token for the HttpOnly session cookie that the dashboard's EventSources
// authenticate with (an EventSource cannot send an Authorization header).
(function () {
  'use strict';

  function requestedNext() {
    return new URLSearchParams(window.location.search).get('next') || '/';
  }

  // The service answers the page to go to (a same-origin path, else '/'); it is parsed here once
  // more as a URL, the way the browser will read it, and anything off this origin becomes '/'.
  function sameOrigin(next) {
    try {
      var url = new URL(next, window.location.origin);
      return url.origin === window.location.origin ? url.pathname + url.search + url.hash : '/';
    } catch (e) {
      return '/';
    }
  }

  var form = document.getElementById('login-form');
  var error = document.getElementById('login-error');

  function showError(text) {
    error.textContent = text;
    error.hidden = false;
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    error.hidden = true;
    var token = document.getElementById('token').value.trim();
    fetch('/api/v1/session?next=' + encodeURIComponent(requestedNext()), {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
      credentials: 'same-origin',
      body: JSON.stringify({token: token})
    }).then(function (res) {
      if (res.ok) {
        return res.json().then(function (body) {
          window.location.replace(sameOrigin(body && body.next ? body.next : '/'));
        });
      } else if (res.status === 401) {
        showError('This token is not accepted.');
      } else {
        showError('Sign-in failed: HTTP ' + res.status);
      }
    }).catch(function (e) {
      showError('The policy service cannot be reached: ' + e.message);
    });
  });
})();
