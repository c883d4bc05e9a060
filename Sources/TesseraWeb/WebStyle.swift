// The UI's one style sheet, served as /ui/assets/app.css (`WebAssets`). Hand-written, no fonts
// or images from anywhere: the system's own fonts, readable from a phone to a wide screen.
extension WebAssets {
    static let css = """
        :root { --ink: #1d2430; --muted: #5b6575; --line: #d8dde5; --paper: #ffffff; --wash: #f4f6f9;
          --accent: #1f5fbf; --good: #1b7a3d; --warn: #8a5a00; --bad: #b3261e; --focus: #ffbf47; }
        * { box-sizing: border-box; }
        html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
          font-size: 16px; line-height: 1.5; color: var(--ink); background: var(--wash); }
        body { margin: 0; }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible {
          outline: 3px solid var(--focus); outline-offset: 2px; }
        .skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem 1rem; }
        .skip:focus { left: 1rem; z-index: 10; }
        header.top { background: #14213d; color: #fff; }
        header.top .bar { max-width: 72rem; margin: 0 auto; padding: .5rem 1rem; display: flex; flex-wrap: wrap;
          align-items: center; gap: .5rem 1.25rem; }
        header.top a { color: #fff; text-decoration: none; }
        header.top a:hover, header.top a[aria-current="page"] { text-decoration: underline; }
        .brand { font-weight: 700; font-size: 1.1rem; margin-right: .5rem; }
        nav.main ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; margin: 0; padding: 0; }
        .who { margin-left: auto; display: flex; align-items: center; gap: .75rem; font-size: .9rem; }
        .who form { margin: 0; }
        .who button { background: transparent; color: #fff; border: 1px solid #8fa3c7; border-radius: 4px;
          padding: .2rem .6rem; cursor: pointer; font: inherit; min-height: 0; }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.6rem; margin: .5rem 0 1rem; overflow-wrap: anywhere; }
        h2 { font-size: 1.2rem; margin: 0 0 .75rem; }
        .card { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 1rem;
          margin-bottom: 1rem; }
        .grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); margin-bottom: 1rem; }
        .grid > .card { margin-bottom: 0; }
        .muted { color: var(--muted); }
        .lede { color: var(--muted); margin-top: -.5rem; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: .95rem; }
        caption { text-align: left; padding: 0 0 .4rem; }
        th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: var(--wash); font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td time { white-space: nowrap; }
        code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: .9em; }
        .badge { display: inline-block; padding: 0 .5rem; border-radius: 999px; font-size: .8rem; font-weight: 600;
          border: 1px solid currentColor; white-space: nowrap; }
        .badge.good { color: var(--good); } .badge.warn { color: var(--warn); } .badge.bad { color: var(--bad); }
        .badge.info { color: var(--muted); }
        .tags { display: flex; flex-wrap: wrap; gap: .25rem; list-style: none; padding: 0; margin: .25rem 0; }
        .tags li { background: #e6ecf5; border-radius: 4px; padding: 0 .4rem; font-size: .85rem; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        form.search { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
        form.inline { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 0 0 1rem; }
        form.search .q { flex: 1 1 16rem; }
        label { display: block; font-size: .9rem; font-weight: 600; margin-bottom: .2rem; }
        input[type=text], input[type=search], input[type=password], select, textarea { font: inherit;
          padding: .45rem .6rem; border: 1px solid #9aa5b5; border-radius: 4px; width: 100%; background: #fff; }
        input[type=text], input[type=search], input[type=password], select { height: 2.6rem; }
        button, .button { font: inherit; min-height: 2.6rem; padding: .45rem 1rem; border-radius: 4px; border: 1px solid var(--accent);
          background: var(--accent); color: #fff; cursor: pointer; }
        .field { margin-bottom: .9rem; }
        .signin { max-width: 26rem; margin: 2rem auto; }
        .error { border-left: 4px solid var(--bad); background: #fdecea; padding: .6rem .8rem; margin-bottom: 1rem; }
        .note { border-left: 4px solid var(--accent); background: #eaf1fb; padding: .6rem .8rem; margin-bottom: 1rem; }
        ul.hits { list-style: none; padding: 0; margin: 0; }
        ul.hits > li { padding: .6rem 0; border-bottom: 1px solid var(--line); }
        ul.hits > li:last-child { border-bottom: 0; }
        .hit-head { display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
        .facets { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; font-size: .9rem; margin-bottom: .5rem; }
        .facets ul { list-style: none; display: inline-flex; flex-wrap: wrap; gap: .5rem; padding: 0; margin: 0; }
        .masked { color: var(--muted); font-style: italic; }
        .null { color: var(--muted); }
        .graph { overflow: auto; max-height: 75vh; background: var(--paper); border: 1px solid var(--line);
          border-radius: 6px; margin-bottom: 1rem; }
        svg.lineage { display: block; font: 13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        svg.lineage .edge { fill: none; stroke: #9aa5b5; stroke-width: 1.2; }
        svg.lineage .edge.hl, svg.lineage .edge.hover { stroke: #d9480f; stroke-width: 2.5; }
        svg.lineage .arrow { fill: #7d889a; }
        svg.lineage rect { fill: #fff; stroke: #5b6575; stroke-width: 1; }
        svg.lineage .kind-product rect { fill: #e7f5ec; stroke: var(--good); }
        svg.lineage .kind-model rect { fill: #eaf1fb; stroke: var(--accent); }
        svg.lineage .kind-source rect { fill: #fdf3e1; stroke: var(--warn); }
        svg.lineage .kind-dashboard rect { fill: #f3ecfb; stroke: #6b3fa0; stroke-dasharray: 4 2; }
        svg.lineage .root rect { stroke-width: 3; }
        svg.lineage .hl rect { stroke: #d9480f; stroke-width: 3; }
        svg.lineage text { fill: var(--ink); }
        svg.lineage .detail { font-size: 11px; fill: #9c3a08; }
        .legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .85rem; }
        .legend svg { display: inline; vertical-align: -1px; }
        svg.lineage .more { font-weight: 700; fill: var(--bad); }
        svg.lineage a:hover rect, svg.lineage a:focus rect { stroke: #000; stroke-width: 2.5; }
        svg.gantt { display: block; font: 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        svg.gantt text { fill: var(--ink); }
        svg.gantt .axis { fill: var(--muted); }
        svg.gantt .axis.end { text-anchor: end; }
        svg.gantt rect { fill: #9aa5b5; }
        svg.gantt .status-succeeded rect { fill: var(--good); }
        svg.gantt .status-failed rect { fill: var(--bad); }
        svg.gantt .status-running rect { fill: var(--warn); }
        svg.gantt .status-unchanged rect { fill: #b9c4d3; }
        .log pre { white-space: pre-wrap; margin: .25rem 0 0; color: var(--bad); }
        ol.nodelog { list-style: none; margin: 0; padding: 0; }
        ol.nodelog li { border-left: 4px solid var(--line); padding: .35rem .6rem; margin-bottom: .35rem; }
        ol.nodelog li.level-warning { border-left-color: var(--warn); background: #fdf6e7; }
        ol.nodelog li.level-error { border-left-color: var(--bad); background: #fdecea; }
        ol.nodelog .meta { display: flex; flex-wrap: wrap; gap: .25rem .75rem; font-size: .85rem; color: var(--muted); }
        ol.nodelog .level { font-weight: 700; text-transform: uppercase; letter-spacing: .03em; }
        ol.nodelog .level-warning .level { color: var(--warn); } ol.nodelog .level-error .level { color: var(--bad); }
        ol.nodelog pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: .2rem 0 0; }
        ol.nodelog pre.samples { background: var(--wash); padding: .3rem .5rem; border-radius: 4px; overflow-x: auto;
          white-space: pre; }
        ol.nodelog .hidden-samples { margin: .2rem 0 0; font-size: .9rem; }
        td form { margin: 0; }
        td button { padding: .2rem .6rem; min-height: 0; }
        .pager { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin-bottom: .75rem; }
        .pager form { margin: 0; }
        textarea.mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
        figure.chart { margin: 0 0 1rem; overflow-x: auto; }
        figure.dashboard { margin: 0 0 1rem; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; }
        figure.dashboard img { display: block; width: 100%; height: auto; }
        svg.bars { display: block; font: 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        svg.bars rect { fill: var(--accent); }
        svg.bars text { fill: var(--ink); }
        svg.plot { display: block; width: 100%; min-width: 32rem; max-width: 720px; height: auto;
          font: 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        svg.plot text { fill: var(--ink); }
        svg.plot text.end { text-anchor: end; }
        svg.plot text.middle { text-anchor: middle; }
        svg.plot text.name { font-weight: 600; }
        svg.plot .grid { stroke: #e3e7ee; stroke-width: 1; }
        svg.plot .axis, svg.plot .tick { stroke: #5b6575; stroke-width: 1; }
        svg.plot .line { fill: none; stroke-width: 2; }
        .s0 .line { stroke: #1f5fbf; } .s0 circle, .s0 .swatch { fill: #1f5fbf; background: #1f5fbf; }
        .s1 .line { stroke: #d9480f; } .s1 circle, .s1 .swatch { fill: #d9480f; background: #d9480f; }
        .s2 .line { stroke: #2b8a3e; } .s2 circle, .s2 .swatch { fill: #2b8a3e; background: #2b8a3e; }
        ul.chart-legend { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; margin: .25rem 0 0; }
        ul.chart-legend .swatch { display: inline-block; width: 1.4rem; height: .3rem; vertical-align: middle; }
        ul.chart-legend.dots .swatch { width: .6rem; height: .6rem; border-radius: 50%; }
        form.chart-choice { margin-bottom: .75rem; }
        form.chart-choice select { max-width: 14rem; }
        .zoom { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-bottom: .5rem; }
        .zoom[hidden] { display: none; }
        .zoom button { min-height: 2.2rem; padding: .3rem .8rem; background: var(--paper); color: var(--accent); }
        svg.spark { display: block; font: 10px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        svg.spark rect { fill: var(--accent); opacity: 0.8; }
        svg.spark text { fill: var(--muted); }
        code.detail { font-size: .8rem; overflow-wrap: anywhere; }
        details > summary { cursor: pointer; font-weight: 600; }
        footer { max-width: 72rem; margin: 0 auto; padding: 1rem; color: var(--muted); font-size: .85rem; }
        @media (max-width: 40rem) {
          h1 { font-size: 1.3rem; }
          main { padding: .75rem; }
          .who { margin-left: 0; width: 100%; justify-content: space-between; }
          dl.facts { grid-template-columns: 1fr; }
          dl.facts dd { margin-bottom: .4rem; }
        }
        """
}
