// The Desks page stays current without a reload (the page works without this): every 15 s it
// asks for the desks' states (ids and states, no names); when one changed, it fetches the page
// again and swaps in the plans and tables, unless the user is in the middle of something
// (focus in the page's content), when it says so and offers a reload instead.
(function () {
  "use strict";
  var legend = document.getElementById("desks-legend");
  var live = document.getElementById("desks-floors");
  if (!legend || !live || !window.fetch || !window.DOMParser) { return; }
  var url = legend.getAttribute("data-states");
  var parts = ["desks-legend", "desks-floors"];

  function shown() {
    var states = {};
    var rows = document.getElementById("desks-floors").querySelectorAll("tr[data-desk]");
    for (var i = 0; i < rows.length; i++) {
      var name = rows[i].className.replace(/^.*state-(\S+).*$/, "$1");
      states[rows[i].getAttribute("data-desk")] = name;
    }
    return states;
  }

  function differs(now) {
    var before = shown();
    for (var id in now) {
      if (Object.prototype.hasOwnProperty.call(now, id) && before[id] !== now[id]) { return true; }
    }
    return false;
  }

  function busy() {
    var active = document.activeElement;
    return active && active !== document.body && active.id !== "main";
  }

  function swap() {
    fetch(window.location.href.split("#")[0], { credentials: "same-origin" })
      .then(function (answer) { return answer.ok ? answer.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html");
        for (var i = 0; i < parts.length; i++) {
          var from = fresh.getElementById(parts[i]);
          var to = document.getElementById(parts[i]);
          if (from && to) { to.innerHTML = from.innerHTML; }
        }
      })
      .catch(function () { /* offline for a moment: the next poll tries again */ });
  }

  function update() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (data) {
        if (!data || !differs(data.desks)) { return; }
        if (busy()) {
          var note = document.getElementById("desks-changed");
          if (note) { note.hidden = false; }
          return;
        }
        swap();
      })
      .catch(function () { /* offline for a moment: the next poll tries again */ });
  }

  window.setInterval(update, 15000);
})();
