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
    var failures = 0;
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
        .then(
          function () {
            failures = 0;
          },
          function () {
            failures += 1;
          },
        )
        .then(function () {
          loading = false;
          // Behind still (a change during the fetch) or the fetch failed: try again, more slowly after failures.
          if (wanted > shown()) setTimeout(refresh, failures ? Math.min(30000, 1000 * Math.pow(2, failures)) : 250);
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
      var sequence = Number(event.data);
      if (!isFinite(sequence)) return;
      wanted = Math.max(wanted, sequence);
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
