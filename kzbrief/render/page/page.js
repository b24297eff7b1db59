// Filters for the exported page: a topic, the shown sources and a search box, as in the
// reader. The page is complete without this script; it only hides what the reader would.
// It never writes markup: it sets `hidden` and `textContent`, nothing else.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var search = document.getElementById("filter-search");
  var topic = document.getElementById("filter-topic");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=source]"));
  var count = document.getElementById("filter-count");
  var items = Array.prototype.slice.call(document.querySelectorAll("main .item"));
  var bySource = Array.prototype.slice.call(document.querySelectorAll("main [data-source]"));
  var byTopic = Array.prototype.slice.call(document.querySelectorAll("main [data-topic]"));

  function words(el, name) {
    var value = el.getAttribute(name);
    return value ? value.split(" ") : [];
  }

  function apply() {
    var shown = {};
    boxes.forEach(function (box) { shown[box.value] = box.checked; });
    var chosen = topic ? topic.value : "";
    var needle = search ? search.value.trim().toLocaleLowerCase() : "";
    bySource.forEach(function (el) {
      el.hidden = shown[el.getAttribute("data-source")] === false;
    });
    byTopic.forEach(function (el) {
      el.hidden = chosen !== "" && el.getAttribute("data-topic") !== chosen;
    });
    var visible = 0;
    items.forEach(function (item) {
      var hide = false;
      if (item.hasAttribute("data-topics") && chosen !== "") {
        hide = words(item, "data-topics").indexOf(chosen) < 0;
      }
      var sources = words(item, "data-sources");
      if (!hide && sources.length) {
        hide = !sources.some(function (s) { return shown[s] !== false; });
      }
      if (!hide && item.hasAttribute("data-source")) {
        hide = shown[item.getAttribute("data-source")] === false;
      }
      if (!hide && needle) {
        hide = item.textContent.toLocaleLowerCase().indexOf(needle) < 0;
      }
      item.hidden = hide;
      if (!hide) { visible += 1; }
    });
    if (count) {
      count.textContent = visible + " of " + items.length + " items shown";
    }
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
}());
