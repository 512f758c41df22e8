// A game table: the live view over Server-Sent Events (resumed by version after a reconnect), the board or hand with
// the legal moves clickable, and commands sent with a command id that is kept for a retry, so a retried move is
// applied at most once.
"use strict";
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const gameId = params.get("id");
const spectating = params.has("spectate");
const api = (path, init) => fetch(`api/games/${encodeURIComponent(gameId)}${path}`, { credentials: "same-origin", headers: { "Content-Type": "application/json" }, ...init });
let me = null;
let view = null;
let pending = null;      // the command being sent: { body, label } — kept for "Retry" with the same command id
let deadlineTimer = null;
let waitingFor = 0;      // a version an accepted command produced that no event has shown yet

function banner(id, text) { const el = $(id); if (id === "problem") $("problem-text").textContent = text || ""; else el.textContent = text || ""; el.classList.toggle("show", !!text); }
function nameOf(playerId) { const dash = playerId.lastIndexOf("-"); return dash > 0 && playerId.length - dash - 1 === 12 ? playerId.slice(0, dash) : playerId; }
function uuid() { return crypto.randomUUID ? crypto.randomUUID() : "10000000-1000-4000-8000-100000000000".replace(/[018]/g, c => (c ^ crypto.getRandomValues(new Uint8Array(1))[0] & 15 >> c / 4).toString(16)); }

async function send(action, move, label) {
  pending = { body: { action, commandId: uuid(), kind: move?.kind ?? null, payload: move?.payload ?? null }, label };
  await sendPending();
}

async function sendPending() {
  if (!pending) return;
  $("retry").hidden = true;
  let response, answer;
  try {
    response = await api("/commands", { method: "POST", body: JSON.stringify(pending.body) });
    answer = await response.json();
  } catch {
    answer = null;
  }
  if (!response || !response.ok) {
    // Not known to be applied: offer the same command (same id) again.
    banner("problem", `Your ${pending.label} was not applied — ${answer?.message ?? "the connection failed"}`);
    $("retry").hidden = answer ? !answer.retry : false;
    return;
  }
  if (!answer.accepted) {
    banner("problem", answer.rejection.message);
    pending = null;
    return;
  }
  banner("problem", "");
  if (answer.isReplay) banner("notice", "The game had already applied that command; nothing was done twice.");
  pending = null;
  waitingFor = Math.max(waitingFor, answer.version);
  // The event stream normally shows the new version at once; if it lags (a failover), read the view directly.
  setTimeout(() => { if (!view || view.version < waitingFor) refresh(); }, 1500);
}

async function refresh() {
  const response = await api(`/view${spectating ? "?spectate=1" : ""}`);
  if (response.ok) render(await response.json());
}

function render(next) {
  if (view && next.version < view.version) return;
  view = next;
  const details = JSON.parse(view.details || "{}");
  document.title = `Statecraft — ${view.gameId}`;
  $("title").textContent = `${view.rulesetId} · ${view.gameId}${spectating ? " · spectating" : ""}`;
  $("phase").textContent = view.phase;
  $("turn").textContent = view.turn ? nameOf(view.turn) + (me && view.turn === me.playerId ? " (you)" : "") : "–";
  $("version").textContent = view.version;
  $("result").textContent = view.result ? `Result: ${view.result.winners?.length ? "won by " + view.result.winners.map(nameOf).join(", ") : "draw"} (${view.result.reason})` : "";
  const seated = !!me && view.players.includes(me.playerId);
  const players = $("players");
  players.replaceChildren(...view.players.map((p) => {
    const li = document.createElement("li");
    li.textContent = nameOf(p);
    if (me && p === me.playerId) li.append(Object.assign(document.createElement("span"), { className: "you", textContent: " (you)" }));
    if (p === view.turn) li.className = "turn";
    return li;
  }));
  $("join").hidden = spectating || !me || seated || view.phase !== "Lobby";
  $("leave").hidden = spectating || !seated || view.phase !== "Lobby";
  $("start").hidden = spectating || !seated || view.phase !== "Lobby" || view.players[0] !== me.playerId;
  $("add-bot").hidden = $("start").hidden;
  clearInterval(deadlineTimer);
  if (view.turnDeadline) {
    const tick = () => { const left = Math.max(0, Math.round((new Date(view.turnDeadline) - Date.now()) / 1000)); $("countdown").textContent = `${left} s left`; };
    tick(); deadlineTimer = setInterval(tick, 500);
  } else $("countdown").textContent = "";
  const legal = view.legalMoves || [];
  if (view.rulesetId === "tictactoe") renderTicTacToe(details, legal); else if (view.rulesetId === "oh-hell") renderOhHell(details, legal);
}

function renderTicTacToe(details, legal) {
  $("tictactoe").hidden = false;
  const board = $("board");
  const win = new Set(details.winningLine || []);
  board.replaceChildren(...[...(details.board || ".........")].map((mark, i) => {
    const button = document.createElement("button");
    button.className = "cell" + (legal.some(m => m.kind === "place" && m.payload === String(i)) ? " legal" : "") + (win.has(i) ? " win" : "");
    button.textContent = mark === "." ? "" : mark;
    button.dataset.cell = i;
    button.setAttribute("aria-label", `cell ${i}${mark === "." ? "" : " " + mark}`);
    button.disabled = spectating;
    button.addEventListener("click", () => send("move", { kind: "place", payload: String(i) }, "move"));
    return button;
  }));
}

function card(code, legalMove) {
  const button = document.createElement("button");
  button.className = "card" + (/[HD]$/.test(code) ? " red" : "") + (legalMove ? " legal" : "");
  button.textContent = code.replace(/S$/, "♠").replace(/H$/, "♥").replace(/D$/, "♦").replace(/C$/, "♣");
  button.dataset.card = code;
  return button;
}

function renderOhHell(details, legal) {
  $("ohhell").hidden = false;
  $("trump").textContent = details.trump ?? "none";
  $("handsize").textContent = details.handSize ?? "–";
  $("trick").replaceChildren(...(details.trick || []).map(p => { const c = card(p.card, false); c.disabled = true; c.title = nameOf(p.player); return c; }));
  $("scores").replaceChildren(...view.players.map((p, i) => {
    const row = document.createElement("tr");
    for (const value of [nameOf(p), details.bids?.[i] ?? "–", details.tricksWon?.[i] ?? 0, details.scores?.[i] ?? 0, details.handCounts?.[i] ?? 0]) row.append(Object.assign(document.createElement("td"), { textContent: value }));
    return row;
  }));
  $("hand").replaceChildren(...(details.hand || []).map(code => {
    const move = legal.find(m => m.kind === "play" && m.payload === code);
    const c = card(code, !!move);
    c.disabled = spectating;
    c.addEventListener("click", () => send("move", { kind: "play", payload: code }, "card"));
    return c;
  }));
  const bids = legal.filter(m => m.kind === "bid");
  const others = legal.filter(m => m.kind !== "bid" && m.kind !== "play");
  $("bids-title").hidden = bids.length === 0 && others.length === 0;
  $("bids").replaceChildren(...bids.map(m => {
    const b = Object.assign(document.createElement("button"), { textContent: `bid ${m.payload}` });
    b.dataset.bid = m.payload;
    b.addEventListener("click", () => send("move", m, "bid"));
    return b;
  }), ...others.map(m => {
    const b = Object.assign(document.createElement("button"), { textContent: m.payload ? `${m.kind} ${m.payload}` : m.kind });
    b.addEventListener("click", () => send("move", m, m.kind));
    return b;
  }));
}

function connect() {
  const events = new EventSource(`api/games/${encodeURIComponent(gameId)}/events${spectating ? "?spectate=1" : ""}`);
  let dropped = false;
  events.addEventListener("open", () => {
    $("connection").dataset.state = "live";
    banner("connection", "");
    if (dropped) banner("notice", "Reconnected: the table is up to date.");
  });
  events.addEventListener("view", (event) => {
    const next = JSON.parse(event.data);
    const jumped = view && next.version > view.version + 1 && dropped;
    render(next);
    if (jumped) banner("notice", `Game recovered: caught up to version ${next.version}.`);
  });
  events.addEventListener("error", () => {
    // EventSource retries by itself and resumes from the last version it saw (Last-Event-ID).
    dropped = true;
    $("connection").dataset.state = "reconnecting";
    banner("connection", "Reconnecting…");
  });
}

$("retry").addEventListener("click", () => sendPending());
$("join").addEventListener("click", () => send("join", null, "join"));
$("leave").addEventListener("click", () => send("leave", null, "leave"));
$("start").addEventListener("click", () => send("start", null, "start"));
$("add-bot").addEventListener("click", async () => {
  const response = await api("/bots", { method: "POST" });
  const answer = await response.json();
  banner("problem", response.ok ? "" : answer.message);
});

(async () => {
  if (!gameId) { banner("problem", "No game id in the address."); return; }
  const session = await fetch("api/session", { credentials: "same-origin" });
  me = session.ok ? await session.json() : null;
  $("who").textContent = me ? `playing as ${me.name}` : "spectating";
  await refresh();
  if (params.has("join") && me && view && !view.players.includes(me.playerId)) await send("join", null, "join");
  connect();
})();
