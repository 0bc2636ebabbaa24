// Live progress of a run: poll its status while it is queued or running, update the page,
// and reload it once the run has finished (the server renders the result).
(function () {
  "use strict";
  var box = document.getElementById("run");
  if (!box) { return; }
  var state = box.getAttribute("data-state");
  if (state !== "queued" && state !== "running") { return; }
  var id = box.getAttribute("data-run");
  var url = "/runs/" + encodeURIComponent(id) + "/status.json";
  function render(st) {
    var s = document.getElementById("run-state");
    s.textContent = st.state;
    s.className = "state " + st.state;
    document.getElementById("run-step").textContent = st.step ? "— " + st.step : "";
    var list = document.getElementById("run-steps");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    (st.steps || []).forEach(function (step) {
      var li = document.createElement("li");
      li.textContent = step.step;  // text, never HTML
      if (step.finished) { li.className = "done"; }
      list.appendChild(li);
    });
  }
  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (st) {
        render(st);
        if (st.state === "queued" || st.state === "running") {
          window.setTimeout(poll, 600);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 300);
})();
