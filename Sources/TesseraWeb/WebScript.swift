// The UI's one script, served as /ui/assets/app.js (`WebAssets`). Pages work without it; it only
// adds search as you type: the results come from the server (`/ui/search?…&partial=1`), already
// escaped HTML, and replace the list in place.
extension WebAssets {
    static let javascript = """
        (function () {
          "use strict";
          // Lineage: pointing at (or tabbing to) a node lights up its edges.
          var graph = document.querySelector("svg.lineage");
          if (graph) {
            var byNode = {};
            Array.prototype.forEach.call(graph.querySelectorAll("path.edge"), function (edge) {
              [edge.getAttribute("data-from"), edge.getAttribute("data-to")].forEach(function (id) {
                (byNode[id] = byNode[id] || []).push(edge);
              });
            });
            var lit = [];
            function light(event) {
              lit.forEach(function (edge) { edge.classList.remove("hover"); });
              var node = event.target.closest ? event.target.closest("a[data-id]") : null;
              lit = node ? (byNode[node.getAttribute("data-id")] || []) : [];
              lit.forEach(function (edge) { edge.classList.add("hover"); });
            }
            graph.addEventListener("mouseover", light);
            graph.addEventListener("focusin", light);
          }
        })();
        (function () {
          "use strict";
          var form = document.querySelector("form[data-live-search]");
          var results = document.getElementById("results");
          if (!form || !results || !window.fetch) { return; }
          var timer = null, latest = 0;
          function refresh() {
            var params = new URLSearchParams(new FormData(form));
            var url = form.getAttribute("action") + "?" + params.toString();
            var mine = ++latest;
            params.set("partial", "1");
            fetch(form.getAttribute("action") + "?" + params.toString(), {
              credentials: "same-origin", headers: { "Accept": "text/html" }
            }).then(function (response) {
              if (!response.ok) { throw new Error(String(response.status)); }
              return response.text();
            }).then(function (html) {
              if (mine !== latest) { return; }
              results.innerHTML = html;
              results.setAttribute("aria-busy", "false");
              history.replaceState(null, "", url);
            }).catch(function () { results.setAttribute("aria-busy", "false"); });
          }
          function soon() {
            results.setAttribute("aria-busy", "true");
            if (timer) { clearTimeout(timer); }
            timer = setTimeout(refresh, 200);
          }
          form.addEventListener("input", soon);
          form.addEventListener("change", soon);
        })();
        """
}
