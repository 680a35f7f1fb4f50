// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  function focusErrorSummary() {
    var summary = document.querySelector('[data-autofocus]');
    if (summary) summary.focus();
  }

  // A live sitting: the server sends each change as the state panel itself (a "panel" event),
  // swapped in place; a bare sequence number (a "change" event, sent on connecting) means the panel
  // is fetched if the screen is behind. The stream reconnects by itself after a drop.
  function followLiveSitting() {
    var host = document.querySelector('[data-live-events]');
    if (!host || !window.EventSource || !window.fetch) return;
    var panelUrl = host.getAttribute('data-live-panel');
    var shown = function () {
      var panel = host.querySelector('[data-sequence]');
      return panel ? Number(panel.getAttribute('data-sequence')) : -1;
    };
    /** Puts a panel (HTML) in place of the one shown, unless it is older; returns its sequence. */
    function swapIn(html) {
      var next = document.createElement('div');
      next.innerHTML = html;
      var fresh = next.querySelector('[data-sequence]');
      var old = host.querySelector('[data-sequence]');
      var sequence = fresh ? Number(fresh.getAttribute('data-sequence')) : NaN;
      if (fresh && old && sequence >= shown()) old.replaceWith(fresh);
      return sequence;
    }
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
        .then(swapIn)
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
    source.addEventListener('panel', function (event) {
      var sequence = swapIn(event.data);
      if (isFinite(sequence)) wanted = Math.max(wanted, sequence);
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
