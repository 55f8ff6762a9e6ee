"""The inline style sheet of the HTML reports (kept apart so `html.py` stays readable).

System fonts only (no web fonts: the report loads nothing), light and dark palettes by
``prefers-color-scheme``, and a print style that drops backgrounds the printer would
waste ink on while keeping every mark distinguishable by its shape (underline, strike,
box) rather than its colour alone.
"""

CSS = """
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1d21; --muted: #5b6270; --line: #d9dce3; --panel: #f5f6f8;
  --accent: #1d4ed8;
  --same: #166534; --same-bg: #dcfce7;
  --reworded: #854d0e; --reworded-bg: #fef3c7;
  --conflict: #b91c1c; --conflict-bg: #fee2e2;
  --only: #1e40af; --only-bg: #dbeafe;
  --missing: #6b7280; --missing-bg: transparent;
  --ins-bg: #d1fadf; --del-bg: #fde2e1; --mark-bg: #fff0a8;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14161a; --fg: #e7e9ee; --muted: #a0a7b4; --line: #343a45; --panel: #1d2026;
    --accent: #8ab4ff;
    --same: #86efac; --same-bg: #14351f;
    --reworded: #fcd34d; --reworded-bg: #3b2f0c;
    --conflict: #fca5a5; --conflict-bg: #4a1717;
    --only: #93c5fd; --only-bg: #172b4d;
    --missing: #9aa1ad;
    --ins-bg: #1d4a2c; --del-bg: #5a2024; --mark-bg: #5b4a06;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body {
  margin: 0 auto; max-width: 76rem; padding: 1.5rem 1.25rem 3rem;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
}
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; padding-bottom: .25rem;
     border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0 0 .5rem; }
h4 { font-size: .95rem; margin: 0 0 .35rem; }
a { color: var(--accent); }
.lede, .legend, .note { color: var(--muted); margin: .25rem 0 .75rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem;
         border-bottom: 1px solid var(--line); }
thead th { font-size: .85rem; color: var(--muted); font-weight: 600; }
.sources td.link { overflow-wrap: anywhere; font-size: .9rem; }
.counts { display: flex; flex-wrap: wrap; gap: .6rem; list-style: none; padding: 0; margin: 0; }
.counts li { background: var(--panel); border: 1px solid var(--line); border-radius: .5rem;
             padding: .5rem .85rem; min-width: 8.5rem; }
.counts strong { display: block; font-size: 1.5rem; line-height: 1.2; }
.counts li.conflict { border-color: var(--conflict); }
.counts li.conflict strong { color: var(--conflict); }
.matrix th[scope=row] { font-weight: normal; max-width: 28rem; }
.matrix th[scope=row] a { font-weight: 600; margin-right: .35rem; }
.gist { color: var(--muted); font-size: .9rem; }
.cell { white-space: nowrap; font-size: .88rem; border-radius: .3rem; padding: .1rem .4rem;
        display: inline-block; border: 1px solid transparent; }
.cell.same { color: var(--same); background: var(--same-bg); }
.cell.reworded { color: var(--reworded); background: var(--reworded-bg); }
.cell.conflict { color: var(--conflict); background: var(--conflict-bg);
                 border-color: var(--conflict); font-weight: 700; }
.cell.only { color: var(--only); background: var(--only-bg); }
.cell.missing { color: var(--missing); border-style: dashed; border-color: var(--line); }
.claim { border: 1px solid var(--line); border-radius: .6rem; padding: .85rem 1rem;
         margin: 0 0 1rem; background: var(--bg); }
.claim.has-conflict { border: 2px solid var(--conflict); }
.carried { color: var(--muted); font-weight: normal; font-size: .9rem; margin: 0 .4rem; }
.facts { background: var(--conflict-bg); color: var(--fg); border-left: 4px solid var(--conflict);
         padding: .5rem .75rem; margin: 0 0 .75rem; border-radius: .3rem; }
.facts strong { color: var(--conflict); }
.facts ul { margin: .25rem 0 0; padding-left: 1.2rem; }
.kind { font-variant: small-caps; font-weight: 700; letter-spacing: .03em; }
.sides { display: grid; gap: .75rem; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); }
.side { background: var(--panel); border-radius: .4rem; padding: .6rem .75rem; }
.side p { margin: 0 0 .4rem; }
.vs { font-size: .8rem; color: var(--muted); }
ins { background: var(--ins-bg); text-decoration: underline; text-decoration-thickness: 2px;
      text-underline-offset: 2px; }
del { background: var(--del-bg); text-decoration: line-through; color: var(--muted);
      font-size: .92em; }
mark { background: var(--mark-bg); color: inherit; border-bottom: 2px dotted currentColor; }
.missing-from { font-size: .9rem; color: var(--muted); margin: .5rem 0 0; }
.only-src ol { padding-left: 0; list-style: none; }
.only-src li { margin: 0 0 .45rem; padding: .35rem .6rem; background: var(--panel);
               border-radius: .3rem; }
.cid { font-weight: 600; color: var(--muted); margin-right: .4rem; font-size: .85rem; }
.failed td { color: var(--conflict); }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; }
@media print {
  :root { --bg: #fff; --fg: #000; --muted: #333; --panel: #fff; --line: #999; }
  html, body { background: #fff; color: #000; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: #000; }
  .sources a[href]::after { content: " <" attr(href) ">"; font-size: .85em; }
  .scroll { overflow: visible; }
  .claim, .only-src li, .counts li, .facts, tr { break-inside: avoid; }
  .side { border: 1px solid #999; }
  ins { background: none; }
  del { background: none; }
  mark { background: none; border-bottom: 2px dotted #000; }
  mark[data-was]::after { content: " [was: " attr(data-was) "]"; font-size: .85em; }
  .cell { border: 1px solid #666; background: none; color: #000; }
  h2 { break-after: avoid; }
}
"""
