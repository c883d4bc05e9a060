// The UI's one script, served as /ui/assets/app.js (`WebAssets`). Pages work without it; it only
// adds search as you type (the results come from the server, `/ui/search?…&partial=1`, already
// escaped HTML, and replace the list in place), lights up a lineage node's edges, opens the
// lineage graph on the node asked for and zooms it.
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
          // Lineage: open with the node asked for in the middle of the view, and zoom.
          var holder = document.getElementById("graph");
          var graph = holder ? holder.querySelector("svg.lineage") : null;
          if (!graph) { return; }
          var width = Number(graph.getAttribute("width")), height = Number(graph.getAttribute("height"));
          var scale = 1, level = document.getElementById("zoom-level");
          function centre(x, y) {
            holder.scrollLeft = x * scale - holder.clientWidth / 2;
            holder.scrollTop = y * scale - holder.clientHeight / 2;
          }
          function zoom(next) {
            var x = (holder.scrollLeft + holder.clientWidth / 2) / scale;
            var y = (holder.scrollTop + holder.clientHeight / 2) / scale;
            scale = Math.min(4, Math.max(0.02, next));
            graph.setAttribute("width", String(width * scale));
            graph.setAttribute("height", String(height * scale));
            centre(x, y);
            if (level) { level.textContent = Math.round(scale * 100) + " %"; }
          }
          var root = graph.querySelector("a.root rect");
          if (root) {
            centre(Number(root.getAttribute("x")) + Number(root.getAttribute("width")) / 2,
                   Number(root.getAttribute("y")) + Number(root.getAttribute("height")) / 2);
          }
          var controls = document.querySelector(".zoom[hidden]");
          if (!controls) { return; }
          controls.hidden = false;
          document.getElementById("zoom-in").addEventListener("click", function () { zoom(scale * 1.25); });
          document.getElementById("zoom-out").addEventListener("click", function () { zoom(scale / 1.25); });
          document.getElementById("zoom-reset").addEventListener("click", function () { zoom(1); });
          document.getElementById("zoom-fit").addEventListener("click", function () {
            var room = Math.max(holder.clientHeight, Math.min(height, window.innerHeight * 0.75));
            zoom(Math.min(1, holder.clientWidth / width, room / height));
          });
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
