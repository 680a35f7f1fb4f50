// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  function focusErrorSummary() {
    var summary = document.querySelector('[data-autofocus]');
    if (summary) summary.focus();
  }

  // A live sitting: the server sends one event per change (its sequence number); the state panel
  // is fetched again and swapped in place. The stream reconnects by itself after a drop.
  function followLiveSitting() {
    var host = document.querySelector('[data-live-events]');
    if (!host || !window.EventSource || !window.fetch) return;
    var panelUrl = host.getAttribute('data-live-panel');
    var shown = function () {
      var panel = host.querySelector('[data-sequence]');
      return panel ? Number(panel.getAttribute('data-sequence')) : -1;
    };
    var loading = false;
    var wanted = -1;
    function refresh() {
      if (loading || wanted <= shown()) return;
      loading = true;
      fetch(panelUrl, { credentials: 'same-origin', headers: { accept: 'text/html' } })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          var next = document.createElement('div');
          next.innerHTML = html;
          var fresh = next.querySelector('[data-sequence]');
          var old = host.querySelector('[data-sequence]');
          if (fresh && old && Number(fresh.getAttribute('data-sequence')) >= shown()) old.replaceWith(fresh);
        })
        .catch(function () {})
        .then(function () {
          loading = false;
          if (wanted > shown()) setTimeout(refresh, 250);
        });
    }
    var source = new EventSource(host.getAttribute('data-live-events'));
    // The page says whether it is following (CSS may show it; tests wait for it).
    source.addEventListener('open', function () {
      host.setAttribute('data-live-connection', 'open');
    });
    source.addEventListener('error', function () {
      host.setAttribute('data-live-connection', 'reconnecting');
    });
    source.addEventListener('change', function (event) {
      wanted = Math.max(wanted, Number(event.data));
      refresh();
    });
  }

  function start() {
    focusErrorSummary();
    followLiveSitting();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
