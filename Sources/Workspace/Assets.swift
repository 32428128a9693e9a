/// The workspace's style sheet and script, served from the binary itself: nothing is fetched
/// from elsewhere (the content security policy would refuse it anyway).
enum Assets {
    static let stylesheet = """
        :root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0b5cad; --mark: #ffe58a; --bad: #a40e26; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: var(--ink); background: #f6f8fa; }
        header { display: flex; justify-content: space-between; align-items: center; padding: .5rem 1rem; background: #fff; border-bottom: 1px solid var(--line); }
        header nav { display: flex; gap: 1rem; align-items: center; }
        .brand { font-weight: 600; color: var(--ink); text-decoration: none; }
        main { padding: 1rem; max-width: 110rem; margin: 0 auto; }
        a { color: var(--accent); }
        form.inline { display: inline; }
        button { font: inherit; padding: .3rem .8rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: pointer; }
        button:focus, a:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #86b7fe; }
        #approve { background: #1a7f37; color: #fff; border-color: #1a7f37; }
        #reject { background: #fff; color: var(--bad); border-color: var(--bad); }
        .message { padding: .5rem .8rem; background: #fff8c5; border: 1px solid #d4a72c; border-radius: 4px; }
        .counts { display: flex; gap: .6rem; flex-wrap: wrap; margin: .8rem 0; }
        .count { padding: .2rem .6rem; background: #fff; border: 1px solid var(--line); border-radius: 12px; text-decoration: none; color: var(--ink); }
        .filters { display: flex; gap: .8rem; align-items: end; flex-wrap: wrap; margin-bottom: .8rem; }
        .filters label, .actions label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
        table.queue { width: 100%; border-collapse: collapse; background: #fff; }
        table.queue th, table.queue td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        table.queue tr.selected { background: #ddf4ff; }
        tr.severity-critical td:first-child { border-left: 4px solid var(--bad); }
        tr.severity-high td:first-child { border-left: 4px solid #bc4c00; }
        .columns { display: grid; grid-template-columns: minmax(22rem, 1fr) minmax(26rem, 1.4fr); gap: 1rem; }
        section.proposal, section.source { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; }
        .actions { display: flex; flex-direction: column; gap: .8rem; margin: 1rem 0; }
        .actions form { display: flex; gap: .5rem; align-items: end; flex-wrap: wrap; }
        fieldset.sentence { border: 1px solid var(--line); display: grid; grid-template-columns: auto 4rem 1fr; gap: .4rem; width: 100%; }
        fieldset.sentence small { grid-column: 1 / -1; color: var(--muted); }
        pre.text { white-space: pre-wrap; font: 14px/1.5 ui-monospace, monospace; }
        mark { background: var(--mark); outline: 2px solid #d4a72c; }
        .page-image { display: block; margin: 0 0 1rem; overflow: auto; }
        .page-image img { max-width: 100%; height: auto; display: block; border: 1px solid var(--line); }
        .page-image.zoomed img { max-width: none; }
        .page-image svg { width: 100%; max-width: 46rem; height: auto; display: block; border: 1px solid var(--line); background: #fff; }
        .page-image.zoomed svg { max-width: none; width: 200%; }
        .evidence-box { fill: rgba(255, 190, 0, .35); stroke: #d13b00; stroke-width: 2.5; }
        .redaction-box { fill: rgba(0, 0, 0, .6); stroke: #b00020; stroke-width: 2; }
        fieldset.marks label { display: block; }
        .help { background: #fff; border: 1px solid var(--line); padding: .5rem; }
        .item-nav { display: flex; gap: 1rem; }
        .login main { max-width: 24rem; }
        .login form { display: flex; flex-direction: column; gap: .8rem; }
        .login label { display: flex; flex-direction: column; }
        """

    static let script = """
        "use strict";
        (function () {
          function typing(event) {
            var tag = event.target && event.target.tagName;
            return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
          }
          function click(id) { var element = document.getElementById(id); if (element) { element.click(); return true; } return false; }
          function focus(id) { var element = document.getElementById(id); if (element) { element.focus(); return true; } return false; }
          var rows = Array.prototype.slice.call(document.querySelectorAll("table.queue tbody tr"));
          var selected = rows.length ? 0 : -1;
          function select(index) {
            if (!rows.length) { return; }
            if (selected >= 0) { rows[selected].classList.remove("selected"); }
            selected = Math.max(0, Math.min(rows.length - 1, index));
            rows[selected].classList.add("selected");
            rows[selected].scrollIntoView({ block: "nearest" });
          }
          if (rows.length) { select(0); }
          var helpToggle = document.getElementById("help-toggle");
          if (helpToggle) { helpToggle.addEventListener("click", function () { var help = document.getElementById("help"); help.hidden = !help.hidden; }); }
          document.querySelectorAll("[data-zoom]").forEach(function (button) {
            button.addEventListener("click", function () {
              var image = document.getElementById(button.getAttribute("data-zoom"));
              if (image) { image.classList.toggle("zoomed"); }
            });
          });
          document.addEventListener("keydown", function (event) {
            if (event.ctrlKey || event.metaKey || event.altKey || typing(event)) { return; }
            var handled = false;
            switch (event.key) {
              case "j": handled = rows.length ? (select(selected + 1), true) : click("next"); break;
              case "k": handled = rows.length ? (select(selected - 1), true) : click("previous"); break;
              case "Enter":
                if (rows.length && selected >= 0) { var link = rows[selected].querySelector("a"); if (link) { link.click(); handled = true; } }
                break;
              case "n": handled = click("review-next"); break;
              case "a": handled = click("approve"); break;
              case "r": handled = focus("reason"); break;
              case "e": handled = focus("edit"); break;
              case "?": var help = document.getElementById("help"); if (help) { help.hidden = !help.hidden; handled = true; } break;
            }
            if (handled) { event.preventDefault(); }
          });
        })();
        """
}
