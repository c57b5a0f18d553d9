/* The searchable member picker (members.forms.MemberPicker): the <select multiple> holds the chosen
   members and is what the form posts; this script hides it and shows the chosen ones as chips, with
   a search box that asks the server (name, member number or sector; at most 20 answers). Loaded as
   form media: no inline script under the Content-Security-Policy. */
(function () {
  "use strict";
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }
  function enhance(box) {
    if (box.dataset.pickerReady) return;
    var select = box.querySelector("select");
    if (!select || !window.fetch) return;
    box.dataset.pickerReady = "1";
    var chips = el("ul", "member-picker__chips");
    var input = el("input", "member-picker__input");
    input.type = "search";
    input.autocomplete = "off";
    input.placeholder = box.dataset.placeholder || "";
    input.setAttribute("aria-label", input.placeholder);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    var results = el("ul", "member-picker__results");
    results.id = (select.id || "picker") + "-results";
    results.setAttribute("role", "listbox");
    input.setAttribute("aria-controls", results.id);
    var hint = el("p", "member-picker__hint", box.dataset.hint || "");
    select.hidden = true;
    box.appendChild(chips);
    box.appendChild(input);
    box.appendChild(results);
    box.appendChild(hint);
    var active = -1, timer = null, asked = "";

    function drawChips() {
      chips.textContent = "";
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.selected) return;
        var chip = el("li", "member-picker__chip", option.textContent);
        chip.dataset.value = option.value;
        var remove = el("button", "", "×");
        remove.type = "button";
        remove.setAttribute("aria-label", (box.dataset.remove || "") + " " + option.textContent);
        remove.addEventListener("click", function () {
          option.remove();
          drawChips();
          input.focus();
        });
        chip.appendChild(remove);
        chips.appendChild(chip);
      });
    }
    function choose(row) {
      var value = String(row.id);
      var existing = Array.prototype.find.call(select.options, function (o) { return o.value === value; });
      if (existing) existing.selected = true;
      else select.appendChild(new Option(row.label, value, true, true));
      select.dispatchEvent(new Event("change", {bubbles: true}));
      drawChips();
      input.value = "";
      asked = "";
      show([]);
      input.focus();
    }
    function highlight(index) {
      var items = results.querySelectorAll("li[role=option]");
      active = Math.max(-1, Math.min(index, items.length - 1));
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
      if (active >= 0) {
        input.setAttribute("aria-activedescendant", items[active].id);
        items[active].scrollIntoView({block: "nearest"});
      }
    }
    function show(rows, query) {
      results.textContent = "";
      active = -1;
      var taken = {};
      Array.prototype.forEach.call(select.options, function (o) { if (o.selected) taken[o.value] = true; });
      rows.filter(function (row) { return !taken[String(row.id)]; }).forEach(function (row, i) {
        var item = el("li", "member-picker__result", row.label);
        item.id = results.id + "-" + i;
        item.setAttribute("role", "option");
        item.dataset.value = row.id;
        if (row.sector) item.appendChild(el("small", "", row.sector));
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(row); });
        item._row = row;
        results.appendChild(item);
      });
      if (query && !results.children.length) results.appendChild(el("li", "member-picker__result", box.dataset.none || ""));
      input.setAttribute("aria-expanded", results.children.length ? "true" : "false");
    }
    function ask() {
      var query = input.value.trim();
      if (query === asked) return;
      asked = query;
      if (!query) { show([]); return; }
      var url = box.dataset.searchUrl + (box.dataset.searchUrl.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(query);
      fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (r) { return r.ok ? r.json() : {results: []}; })
        .then(function (data) { if (query === asked) show(data.results || [], query); })
        .catch(function () { show([], query); });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 200); });
    input.addEventListener("keydown", function (event) {
      var items = results.querySelectorAll("li[role=option]");
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Enter") {
        event.preventDefault();  // Enter picks; it never submits the form half-filled
        var item = items[active >= 0 ? active : 0];
        if (item && item._row) choose(item._row);
      } else if (event.key === "Escape") { show([]); }
    });
    input.addEventListener("blur", function () { setTimeout(function () { show([]); }, 150); });
    drawChips();
  }
  function start() { document.querySelectorAll("[data-member-picker]").forEach(enhance); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
