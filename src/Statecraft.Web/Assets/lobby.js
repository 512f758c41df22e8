// The lobby: who am I, the games (refreshed every 2 s), and a form for a new game.
"use strict";
const api = (path, init) => fetch(`api${path}`, { credentials: "same-origin", headers: { "Content-Type": "application/json" }, ...init });
const $ = (id) => document.getElementById(id);
let me = null;

function show(id, text) { const el = $(id); el.textContent = text || ""; el.classList.toggle("show", !!text); }

async function loadSession() {
  const response = await api("/session");
  me = response.ok ? await response.json() : null;
  $("who").textContent = me ? `playing as ${me.name}` : "";
  $("signin").hidden = !!me;
  $("create").hidden = !me;
}

function cell(text, className) { const td = document.createElement("td"); td.textContent = text; if (className) td.className = className; return td; }

function link(text, href) { const a = document.createElement("a"); a.href = href; a.textContent = text; return a; }

async function loadGames() {
  let games;
  try {
    const response = await api("/games");
    if (!response.ok) throw new Error((await response.json()).message);
    games = await response.json();
    show("lobby-error", "");
  } catch (error) {
    show("lobby-error", `The lobby could not be read (${error.message}); retrying.`);
    return;
  }
  const body = $("games");
  body.replaceChildren();
  if (games.length === 0) { body.append(Object.assign(document.createElement("tr"), { innerHTML: '<td colspan="5" class="muted">No games yet: create one.</td>' })); }
  for (const game of games) {
    const row = document.createElement("tr");
    row.dataset.gameId = game.gameId;
    row.append(cell(game.gameId), cell(game.rulesetId), cell(game.phase), cell(game.players.join(", ") || "–"));
    const actions = document.createElement("td");
    if (game.seated) actions.append(link("Open", `game?id=${encodeURIComponent(game.gameId)}`));
    else if (game.open && me) actions.append(link("Join", `game?id=${encodeURIComponent(game.gameId)}&join=1`));
    actions.append(" ", link("Watch", `game?id=${encodeURIComponent(game.gameId)}&spectate=1`));
    row.append(actions);
    body.append(row);
  }
}

$("signin-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const response = await api("/session", { method: "POST", body: JSON.stringify({ name: $("name").value }) });
  if (!response.ok) { show("signin-error", (await response.json()).message); return; }
  show("signin-error", "");
  await loadSession();
  await loadGames();
});

$("ruleset").addEventListener("change", () => { $("hands-label").hidden = $("ruleset").value !== "oh-hell"; });

$("create-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const timeout = $("timeout").value ? Number($("timeout").value) : null;
  const response = await api("/games", { method: "POST", body: JSON.stringify({ rulesetId: $("ruleset").value, turnTimeoutSeconds: timeout, handSizes: $("hands").value || null }) });
  const answer = await response.json();
  if (!response.ok) { show("create-error", answer.message); return; }
  location.href = `game?id=${encodeURIComponent(answer.gameId)}`;
});

loadSession().then(loadGames);
setInterval(loadGames, 2000);
