// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  function focusErrorSummary() {
    var summary = document.querySelector('[data-autofocus]');
    if (summary) summary.focus();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', focusErrorSummary);
  else focusErrorSummary();
})();
