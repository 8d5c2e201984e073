// Login: trade the API token for the HttpOnly session cookie that the dashboard's EventSources
// authenticate with (an EventSource cannot send an Authorization header).
(function () {
  'use strict';

  function nextLocation() {
    var next = new URLSearchParams(window.location.search).get('next');
    // Only same-origin paths: an absolute URL here would make the login page an open redirect.
    return next && next.charAt(0) === '/' && next.charAt(1) !== '/' ? next : '/';
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
    fetch('/api/v1/session', {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
      credentials: 'same-origin',
      body: JSON.stringify({token: token})
    }).then(function (res) {
      if (res.ok) {
        window.location.replace(nextLocation());
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
