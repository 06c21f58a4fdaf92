// The roll call's ticks by other staff, shown without a reload (the page works without this).
(function () {
  "use strict";
  var table = document.querySelector("table.evacuation[data-ticks]");
  if (!table || !window.fetch) { return; }
  var url = table.getAttribute("data-ticks");

  // A row's id is "p-" and the person's handle (the anchor a tick comes back to).
  function person(row) { return row.id.slice(2); }

  function show(row, by) {
    var status = row.querySelector(".status");
    var button = row.querySelector("button[name=tick]");
    var label = row.querySelector("button .label");
    status.textContent = "";
    var mark = document.createElement("span");
    if (by) {
      mark.className = "tick";
      mark.textContent = table.getAttribute("data-seen");
      var who = document.createElement("span");
      who.className = "by";
      who.textContent = "(" + table.getAttribute("data-by") + " " + by + ")";
      status.appendChild(mark);
      status.appendChild(document.createTextNode(" "));
      status.appendChild(who);
    } else {
      mark.className = "untick";
      mark.textContent = table.getAttribute("data-unseen");
      status.appendChild(mark);
    }
    row.classList.toggle("seen", Boolean(by));
    if (button) { button.value = person(row) + (by ? ":0" : ":1"); }
    if (label) { label.textContent = table.getAttribute(by ? "data-unmark" : "data-mark"); }
  }

  function update() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var rows = table.querySelectorAll("tbody tr[id^='p-']");
        for (var i = 0; i < rows.length; i++) {
          var by = data.seen[person(rows[i])] || "";
          if (Boolean(by) !== rows[i].classList.contains("seen")) { show(rows[i], by); }
        }
      })
      .catch(function () { /* offline for a moment: the next poll tries again */ });
  }

  window.setInterval(update, 5000);
})();
