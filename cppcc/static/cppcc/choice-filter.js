/* A filter box over a long list of checkboxes grouped by kind (cppcc.forms.GroupedCheckboxSelectMultiple):
   typing a few characters of a name keeps the matching choices (and the ticked ones) in view, groups
   with nothing left are hidden. Without scripts the grouped list still works. Loaded as form media:
   no inline script (Content-Security-Policy). */
(function () {
  "use strict";
  function norm(text) { return (text || "").toLowerCase().replace(/\s+/g, ""); }
  function enhance(box) {
    if (box.dataset.choiceFilterReady) return;
    box.dataset.choiceFilterReady = "1";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "grouped-choices__filter";
    input.placeholder = box.dataset.choiceFilterPlaceholder || "";
    input.setAttribute("aria-label", input.placeholder);
    input.setAttribute("aria-controls", box.id || "");
    input.setAttribute("autocomplete", "off");
    var none = document.createElement("p");
    none.className = "grouped-choices__none";
    none.textContent = box.dataset.choiceFilterNone || "";
    none.hidden = true;
    box.parentNode.insertBefore(input, box);
    box.appendChild(none);
    function apply() {
      var query = norm(input.value), shown = 0;
      box.querySelectorAll(".grouped-choices__group").forEach(function (group) {
        var label = group.querySelector(".grouped-choices__label");
        var groupHit = query && label && norm(label.textContent).indexOf(query) !== -1;
        var left = 0;
        group.querySelectorAll(".grouped-choices__option").forEach(function (option) {
          var box = option.querySelector("input");
          var hit = !query || groupHit || norm(option.textContent).indexOf(query) !== -1 || (box && box.checked);
          option.hidden = !hit;
          if (hit) left += 1;
        });
        group.hidden = left === 0;
        shown += left;
      });
      none.hidden = shown !== 0;
    }
    input.addEventListener("input", apply);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();  // Enter filters; it does not submit the form
    });
  }
  function start() { document.querySelectorAll("[data-choice-filter]").forEach(enhance); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
