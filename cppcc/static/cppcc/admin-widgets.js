/* Wagtail's date, time and date-time widgets start their pickers with an inline <script>, which the
   Content-Security-Policy (script-src 'self' + nonce) refuses. The project's copies of those widget
   templates (cppcc/templates/wagtailadmin/widgets/) leave a marker instead; this file, loaded on every
   admin page, starts each marked picker once, including widgets added to the page later. */
(function () {
  "use strict";
  function start() {
    document.querySelectorAll("[data-cppcc-init]:not([data-cppcc-started])").forEach(function (marker) {
      var init = window[marker.dataset.cppccInit];
      if (typeof init !== "function" || !document.getElementById(marker.dataset.cppccFor)) return;
      marker.dataset.cppccStarted = "1";
      init(marker.dataset.cppccFor, JSON.parse(marker.dataset.cppccConfig || "{}"));
    });
  }
  function watch() {
    start();
    new MutationObserver(start).observe(document.body, {childList: true, subtree: true});
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
