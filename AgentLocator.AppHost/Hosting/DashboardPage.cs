namespace AgentLocator.AppHost.Hosting;

/// <summary>The dashboard page, self-contained: inline CSS and script, no external requests.</summary>
internal static class DashboardPage
{
    public const string Html = """
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>AgentLocator AppHost</title>
<link rel="icon" href="data:,">
<style>
  :root { --bg:#f6f7f9; --card:#fff; --line:#dde1e6; --text:#1d2329; --muted:#66707a; --accent:#2f5fd0; }
  * { box-sizing: border-box; }
  body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; background:var(--bg); color:var(--text); }
  header { display:flex; align-items:center; gap:24px; padding:12px 20px; background:#1d2329; color:#fff; flex-wrap:wrap; }
  header h1 { font-size:16px; margin:0; font-weight:600; }
  header nav a { color:#cfe0ff; margin-right:16px; text-decoration:none; }
  header nav a:hover { text-decoration:underline; }
  main { padding:16px 20px; display:grid; gap:16px; }
  section { background:var(--card); border:1px solid var(--line); border-radius:8px; overflow:hidden; }
  table { width:100%; border-collapse:collapse; }
  th, td { text-align:left; padding:8px 12px; border-bottom:1px solid var(--line); vertical-align:top; }
  th { font-weight:600; color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.03em; }
  tr.selected td { background:#eef3ff; }
  td.name { font-weight:600; cursor:pointer; }
  .muted { color:var(--muted); font-size:12px; }
  .state { display:inline-block; padding:1px 8px; border-radius:10px; font-size:12px; font-weight:600; background:#e8eaed; }
  .Healthy { background:#d7f5df; color:#11672d; }
  .Running, .Starting { background:#dbe8ff; color:#1d4aa8; }
  .Waiting, .Stopping { background:#fff1cc; color:#7a5600; }
  .Unhealthy { background:#ffe2c6; color:#8a3b00; }
  .Failed { background:#ffd9d9; color:#9b1111; }
  .Stopped { background:#e8eaed; color:#4a525a; }
  a { color:var(--accent); }
  button { font:inherit; padding:3px 10px; border:1px solid var(--line); border-radius:6px; background:#fff; cursor:pointer; }
  button:hover { border-color:var(--accent); }
  button:disabled { color:var(--muted); cursor:progress; }
  .commands { margin-top:6px; display:flex; flex-wrap:wrap; gap:4px; }
  .commands button { border-color:#b9c8ef; }
  .outcome { font-size:12px; margin-top:4px; max-width:32em; }
  .outcome.ok { color:#11672d; }
  .outcome.fail { color:#9b1111; }
  #notice { padding:8px 12px; border-radius:8px; border:1px solid var(--line); background:var(--card); }
  #notice.ok { border-color:#9fd9b0; background:#effaf2; }
  #notice.fail { border-color:#f0a8a8; background:#fff1f1; }
  #notice[hidden] { display:none; }
  .logs-head { display:flex; align-items:center; gap:12px; padding:8px 12px; border-bottom:1px solid var(--line); }
  .logs-head h2 { font-size:14px; margin:0; }
  .logs-head label { margin-left:auto; color:var(--muted); font-size:12px; }
  pre#log { margin:0; padding:10px 12px; height:55vh; overflow:auto; background:#14181c; color:#d6dde4;
            font:12px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space:pre-wrap; word-break:break-all; }
  pre#log .err { color:#ff9c9c; }
  pre#log .apphost { color:#8fb8ff; }
  pre#log .time { color:#6b7680; }
</style>
</head>
<body>
<header>
  <h1>AgentLocator AppHost</h1>
  <nav id="links"></nav>
</header>
<main>
  <div id="notice" role="status" hidden></div>
  <section>
    <table>
      <thead><tr><th>Resource</th><th>State</th><th>PID</th><th>Uptime</th><th>Endpoints</th><th>Health</th><th></th></tr></thead>
      <tbody id="resources"></tbody>
    </table>
  </section>
  <section>
    <div class="logs-head">
      <h2 id="log-title">Logs</h2>
      <button id="clear">Clear view</button>
      <label><input type="checkbox" id="follow" checked> follow</label>
    </div>
    <pre id="log"></pre>
  </section>
</main>
<script>
"use strict";
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) node.append(child);
  return node;
};
let selected = null;
let source = null;

function uptime(seconds) {
  if (seconds == null) return "";
  const h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = Math.floor(seconds % 60);
  return h ? `${h}h ${m}m` : m ? `${m}m ${s}s` : `${s}s`;
}

function link(name, url) {
  return el("a", { href: url, target: "_blank", rel: "noopener", textContent: name });
}

function render(resources) {
  const body = document.getElementById("resources");
  body.replaceChildren(...resources.map(r => {
    const endpoints = el("td");
    for (const e of r.endpoints) {
      endpoints.append(e.url.startsWith("http") ? link(e.url, e.url) : el("span", { textContent: e.url }), el("br"));
    }
    for (const u of r.urls) endpoints.append(link(u.name, u.url), el("br"));
    const restart = el("button", { textContent: "Restart", title: "Stop and start again" });
    restart.onclick = () => control(r.name, "restart");
    const stop = el("button", { textContent: "Stop" });
    stop.onclick = () => control(r.name, "stop");
    const actions = el("td", {}, restart, " ", stop, commandButtons(r));
    const name = el("td", { className: "name", textContent: r.name, title: "Show logs" },
      el("div", { className: "muted", textContent: r.kind + (r.waitsFor.length ? " · waits for " + r.waitsFor.join(", ") : "") }));
    name.onclick = () => select(r.name);
    const row = el("tr", { className: r.name === selected ? "selected" : "" },
      name,
      el("td", {}, el("span", { className: "state " + r.state, textContent: r.state }),
        el("div", { className: "muted", textContent: r.stateDetail ?? "" })),
      el("td", { textContent: r.pid ?? "" }),
      el("td", { textContent: uptime(r.uptimeSeconds) }),
      endpoints,
      el("td", { className: "muted", textContent: r.health ?? "" }),
      actions);
    return row;
  }));

  const links = document.getElementById("links");
  links.replaceChildren(...resources.flatMap(r => r.urls.map(u => link(u.name, u.url))));
  if (!selected && resources.length) select(resources[0].name);
}

// Commands the resource offers (WithCommand): a button each, and how the last run went.
function commandButtons(r) {
  const box = el("div", { className: "commands" });
  const outcomes = el("div");
  for (const c of r.commands ?? []) {
    const button = el("button", {
      textContent: c.running ? `${c.displayName} (running…)` : c.displayName,
      title: c.description ?? c.displayName,
      disabled: c.running,
    });
    button.dataset.command = c.name;
    button.onclick = () => runCommand(r.name, c, button);
    box.append(button);
    const last = c.lastOutcome;
    if (last && !c.running) {
      outcomes.append(el("div", {
        className: "outcome " + (last.success ? "ok" : "fail"),
        textContent: `${last.success ? "✓" : "✗"} ${c.displayName}: ${last.message ?? (last.success ? "done" : "failed")}`,
        title: "finished " + new Date(last.finishedAt).toLocaleTimeString(),
      }));
    }
  }
  return r.commands?.length ? el("div", {}, box, outcomes) : "";
}

function notify(text, kind) {
  const notice = document.getElementById("notice");
  notice.textContent = text;
  notice.className = kind ?? "";
  notice.hidden = false;
}

async function runCommand(resource, command, button) {
  button.disabled = true;
  select(resource);   // its output goes to this resource's log
  notify(`${command.displayName} on ${resource}: running…`);
  try {
    const response = await fetch(`/api/resources/${encodeURIComponent(resource)}/commands/${encodeURIComponent(command.name)}`,
      { method: "POST" });
    const body = await response.json().catch(() => ({}));
    if (response.ok) {
      notify(`${command.displayName} on ${resource}: ${body.success ? "succeeded" : "failed"}${body.message ? " — " + body.message : ""}`,
        body.success ? "ok" : "fail");
    } else {
      notify(`${command.displayName} on ${resource}: ${body.detail ?? body.title ?? response.statusText}`, "fail");
    }
  } catch {
    notify(`${command.displayName} on ${resource}: the AppHost did not answer`, "fail");
  }
  refresh();
}

async function refresh() {
  try {
    const response = await fetch("/api/resources");
    render(await response.json());
  } catch { /* the AppHost is restarting or gone; keep the last view */ }
}

async function control(name, action) {
  await fetch(`/api/resources/${encodeURIComponent(name)}/${action}`, { method: "POST" });
  select(name);
  refresh();
}

function select(name) {
  selected = name;
  document.getElementById("log-title").textContent = `Logs: ${name}`;
  const log = document.getElementById("log");
  log.replaceChildren();
  if (source) source.close();
  source = new EventSource(`/api/resources/${encodeURIComponent(name)}/logs/stream`);
  let lastSeq = 0;
  source.onmessage = event => {
    const line = JSON.parse(event.data);
    if (line.seq <= lastSeq) return;   // a reconnect replays the backlog
    lastSeq = line.seq;
    const time = new Date(line.time).toLocaleTimeString();
    log.append(el("span", { className: "time", textContent: time + " " }),
               el("span", { className: line.stream, textContent: line.text + "\n" }));
    while (log.childNodes.length > 4000) log.firstChild.remove();
    if (document.getElementById("follow").checked) log.scrollTop = log.scrollHeight;
  };
  document.querySelectorAll("#resources tr").forEach(tr =>
    tr.classList.toggle("selected", tr.querySelector("td.name")?.firstChild?.textContent === name));
}

document.getElementById("clear").onclick = () => document.getElementById("log").replaceChildren();
refresh();
setInterval(refresh, 2000);
</script>
</body>
</html>
""";
}
