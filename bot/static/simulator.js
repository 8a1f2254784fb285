// The chat simulator page (simulator.html): one thread per simulated user and channel, messages sent one at a
// time in the order typed, pushed messages fetched while the page is visible. Every text comes from the
// catalog (locales/*/simulator.toml) through the config the server writes into the page.
"use strict";

(() => {
  const config = JSON.parse(document.getElementById("config").textContent);
  const $ = id => document.getElementById(id);

  function label(key, params = {}) {
    const text = config.labels[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // -- SMS arithmetic: the rules of dialogs/sms_text.py, with its alphabet and sizes (config.sms) ----------
  const gsm7 = new Set(config.sms.gsm7_alphabet);

  function smsCount(text) {
    let ucs2 = false;
    for (const ch of text) {
      if (!gsm7.has(ch)) { ucs2 = true; break; }
    }
    const coding = ucs2 ? config.sms.ucs2 : config.sms.gsm7;
    // UCS-2 counts UTF-16 code units (an emoji takes two): a JavaScript string's length. GSM-7 text is all
    // in the basic plane, where the length is the number of characters.
    const chars = text.length;
    return {chars, parts: chars <= coding.single ? 1 : Math.ceil(chars / coding.per_part)};
  }

  // -- times of pushed messages, in the service's time zone ----------------------------------------------
  const zone = (() => {
    try {
      new Intl.DateTimeFormat(undefined, {timeZone: config.timezone});
      return config.timezone;
    } catch {
      return undefined; // a zone this browser does not know: its own
    }
  })();
  const clock = new Intl.DateTimeFormat(label("html_lang"), {timeZone: zone, hour: "2-digit", minute: "2-digit",
                                                              hourCycle: "h23"});
  const day = new Intl.DateTimeFormat("en-CA", {timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit"});
  const date = new Intl.DateTimeFormat(label("html_lang"), {timeZone: zone, month: "numeric", day: "numeric"});

  function when(iso) {
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) return "";
    const today = day.format(new Date()) === day.format(at);
    return today ? clock.format(at) : `${date.format(at)} ${clock.format(at)}`;
  }

  // -- remembered between visits (nothing breaks when the browser refuses) ---------------------------------
  const store = {
    get(key) {
      try { return localStorage.getItem("jiuye.simulator." + key); } catch { return null; }
    },
    set(key, value) {
      try { localStorage.setItem("jiuye.simulator." + key, value); } catch { /* not remembered */ }
    },
  };

  // -- threads: one per user and channel; the active one is shown -----------------------------------------
  const threads = new Map();
  let channel = store.get("channel") === "sms" ? "sms" : "wechat";
  let active = null;

  function threadFor(user, where) {
    const key = where + "\u0000" + user;
    let thread = threads.get(key);
    if (!thread) {
      const node = element("div", "thread");
      node.appendChild($("empty-" + where).content.cloneNode(true));
      $("threads").appendChild(node);
      thread = {user, channel: where, node, empty: true, pending: 0, cursor: null, seen: new Set()};
      threads.set(key, thread);
    }
    return thread;
  }

  function show(user, where) {
    const thread = threadFor(user, where);
    if (thread === active) return thread;
    if (active && active.empty && !active.cursor && !active.pending) {
      // Left before anything was said: nothing to come back to.
      active.node.remove();
      threads.delete(active.channel + "\u0000" + active.user);
    }
    for (const other of threads.values()) other.node.hidden = other !== thread;
    active = thread;
    document.body.classList.toggle("wechat", where === "wechat");
    document.body.classList.toggle("sms", where === "sms");
    for (const button of $("channel").querySelectorAll("button")) {
      button.setAttribute("aria-checked", String(button.dataset.channel === where));
    }
    $("text").placeholder = label("placeholder_" + where);
    $("text").setAttribute("aria-label", label("placeholder_" + where));
    if (where === "sms") menuMode(false);
    typingCount();
    store.set("user", user);
    store.set("channel", where);
    rememberUser(user);
    scrollDown();
    markMine();
    poll();
    return thread;
  }

  // The thread of the user and channel chosen now (null without a user).
  function current() {
    const user = $("user").value.trim();
    return user ? show(user, channel) : null;
  }

  function scrollDown() {
    const box = $("threads");
    box.scrollTop = box.scrollHeight;
  }

  function append(thread, node) {
    if (thread.empty) {
      thread.node.replaceChildren();
      thread.empty = false;
    }
    thread.node.appendChild(node);
    if (thread === active) scrollDown();
  }

  function bubble(thread, who, text, push) {
    const row = element("div", `row ${who}` + (push ? " push" : ""));
    row.appendChild(element("span", "avatar", who === "me" ? label("avatar_me") : label("logo")));
    const content = element("div", "content");
    if (push) {
      const tag = element("span", "tag");
      tag.append(element("span", "push", label("push")), when(push.at));
      content.appendChild(tag);
    }
    content.appendChild(element("div", `bubble ${who}`, text));
    if (thread.channel === "sms") content.appendChild(element("span", "count", label("sms_count", smsCount(text))));
    row.appendChild(content);
    append(thread, row);
  }

  function note(thread, text, className = "event") {
    append(thread, element("div", className, text));
  }

  // -- sending: one message at a time, in the order sent (the service answers a person in arrival order) ---
  let queue = Promise.resolve();

  function send(payload, showSent) {
    const thread = current();
    if (!thread) {
      if (active) note(active, label("error_no_user"), "event error");
      $("user").focus();
      return;
    }
    // A failure shows and never blocks the messages after it.
    thread.pending += 1;
    queue = queue.then(() => deliver(thread, payload, showSent))
      .catch(err => note(thread, String(err), "event error"))
      .finally(() => { thread.pending -= 1; });
  }

  async function deliver(thread, payload, showSent) {
    showSent(thread);
    let response;
    try {
      response = await fetch("/simulator/messages", {
        method: "POST", headers: {"Content-Type": "application/json"},
        body: JSON.stringify({user: thread.user, channel: thread.channel, ...payload}),
      });
    } catch {
      note(thread, label("error_network"), "event error");
      return;
    }
    let data = null;
    try { data = await response.json(); } catch { /* not JSON: a proxy's error page, say */ }
    if (!response.ok || !data || !Array.isArray(data.replies)) {
      note(thread, failure(response, data), "event error");
      return;
    }
    for (const reply of data.replies) bubble(thread, "bot", reply);
    const awaiting = data.awaiting === null ? label("awaiting_none") : label("awaiting", {awaiting: data.awaiting});
    note(thread, awaiting, "debug");
    poll(); // what the message queued may already be delivered
  }

  function failure(response, data) {
    if (response.status === 503) return label("error_unavailable");
    if (data && typeof data.error === "string") {
      return label("error_refused", {status: response.status, detail: data.error});
    }
    return label("error_http", {status: response.status, reason: response.statusText});
  }

  function sendText(text) {
    send({text}, thread => bubble(thread, "me", text));
  }

  function sendEvent(payload, text) {
    send(payload, thread => note(thread, text));
  }

  // -- asking the server again and again: every two seconds while the page is visible, and at once when
  // something may have changed; one request of a kind at a time, asked again at once while there is more --
  function repeating(ask) {
    let asking = false;
    let again = false;
    return async function run() {
      if (document.visibilityState !== "visible") return;
      if (asking) {
        again = true;
        return;
      }
      asking = true;
      let more = false;
      try {
        more = await ask();
      } finally {
        asking = false;
      }
      if (again || more) {
        again = false;
        run();
      }
    };
  }

  // -- pushed messages: each shown once, in the order delivered ------------------------------------------
  async function askInbox() {
    const thread = active;
    if (!thread) return false;
    try {
      const query = new URLSearchParams({user: thread.user, channel: thread.channel});
      if (thread.cursor) query.set("after", thread.cursor);
      const response = await fetch("/simulator/inbox?" + query);
      const data = response.ok ? await response.json() : null;
      if (!data || !Array.isArray(data.messages)) throw new Error(`HTTP ${response.status}`);
      for (const message of data.messages) {
        if (thread.seen.has(message.id)) continue;
        thread.seen.add(message.id);
        bubble(thread, "bot", message.text, message);
      }
      if (data.cursor) thread.cursor = data.cursor;
      $("push-status").hidden = true;
      return data.messages.length > 0 || thread !== active;
    } catch {
      $("push-status").hidden = false;
      return thread !== active;
    }
  }

  // -- the caseworker's side: alerts about every simulator user, newest at the bottom as in the chat beside
  // them; those about the user chatting now are marked. The panel shows only when this script runs. -------
  const alerts = {cursor: null, shown: new Map(), unseen: 0, started: false, open: false};
  const wide = window.matchMedia("(min-width: 880px)");

  function alertRow(alert) {
    const row = element("li", "alert");
    const head = element("div", "alert-head");
    const kind = config.labels["alert_kind." + alert.kind] === undefined ? "other" : alert.kind;
    head.append(element("span", `alert-kind kind-${kind}`, label("alert_kind." + kind)),
                element("span", "alert-mine", label("alerts.mine")),
                element("time", "alert-time", when(alert.at)));
    row.append(head, element("div", "alert-text", alert.text), element("div", "alert-foot"));
    row.querySelector("time").dateTime = alert.at;
    return row;
  }

  function settle(row, alert) {
    const status = config.labels["alert_status." + alert.status] === undefined
      ? alert.status : label("alert_status." + alert.status);
    const foot = row.querySelector(".alert-foot");
    foot.replaceChildren(element("span", "alert-to", label("alerts.to", {caseworker: alert.caseworker})),
                         element("span", `alert-status status-${alert.status}`, status));
    row.dataset.user = alert.user ?? "";
  }

  // The page's user and the server's name for them: a phone the SMS channel stores as +86… is the one typed.
  const sameUser = user => String(user).replace(/[\s-]/g, "").replace(/^(\+|00)?86(?=1\d{10}$)/, "");

  function markMine() {
    const me = active ? sameUser(active.user) : null;
    for (const row of $("alert-list").children) {
      row.classList.toggle("mine", me !== null && row.dataset.user !== "" && sameUser(row.dataset.user) === me);
    }
  }

  function addAlert(alert) {
    let row = alerts.shown.get(alert.id);
    if (!row) {
      row = alertRow(alert);
      alerts.shown.set(alert.id, row);
      // In the order they were raised, whatever order they were settled in.
      const later = [...$("alert-list").children].find(other => Number(other.dataset.id) > alert.id);
      row.dataset.id = String(alert.id);
      $("alert-list").insertBefore(row, later ?? null);
      if (alerts.started && !panelVisible()) alerts.unseen += 1;
    }
    settle(row, alert);
  }

  function panelVisible() {
    return wide.matches || alerts.open;
  }

  function showUnseen() {
    if (panelVisible()) alerts.unseen = 0;
    const count = $("alerts-count");
    count.hidden = alerts.unseen === 0;
    count.textContent = alerts.unseen > 99 ? "99+" : String(alerts.unseen);
    const title = alerts.unseen ? `${label("alerts.title")} · ${label("alerts.unseen", {count: alerts.unseen})}`
      : label("alerts.title");
    $("alerts-toggle").title = title;
    $("alerts-toggle").setAttribute("aria-label", title);
  }

  async function askAlerts() {
    const list = $("alert-list");
    const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 8;
    let more = false;
    try {
      const query = alerts.cursor ? "?" + new URLSearchParams({after: alerts.cursor}) : "";
      const response = await fetch("/simulator/alerts" + query);
      const data = response.ok ? await response.json() : null;
      if (!data || !Array.isArray(data.alerts)) throw new Error(`HTTP ${response.status}`);
      for (const alert of data.alerts) addAlert(alert);
      if (data.cursor) alerts.cursor = data.cursor;
      // Without a cursor yet (nothing sent so far) every answer is the whole list again: not "more".
      more = data.alerts.length > 0 && Boolean(data.cursor);
      alerts.started = true;
      $("alerts-status").hidden = true;
    } catch {
      $("alerts-status").hidden = false;
    }
    $("alerts-empty").hidden = alerts.shown.size > 0;
    markMine();
    showUnseen();
    if (atBottom) list.scrollTop = list.scrollHeight;
    return more;
  }

  function alertsSheet(open) {
    alerts.open = open;
    document.body.classList.toggle("alerts-open", open);
    $("alerts-toggle").setAttribute("aria-expanded", String(open));
    showUnseen();
    if (open) {
      $("alert-list").scrollTop = $("alert-list").scrollHeight;
      $("alerts-close").focus();
    }
  }

  const pollInbox = repeating(askInbox);
  const pollAlerts = repeating(askAlerts);

  function poll() {
    pollInbox();
    pollAlerts();
  }

  // -- the WeChat menu: the Official Account's buttons, groups opening upwards as WeChat shows them ----------
  function menuButton(item, className) {
    const button = element("button", className, item.name);
    button.type = "button";
    button.dataset.key = item.key;
    button.addEventListener("click", () => {
      closePopups();
      sendEvent({event: "click", event_key: item.key}, label("clicked", {label: item.name}));
    });
    return button;
  }

  function menuGroup(group, index) {
    const entry = element("div", "entry");
    const popup = element("div", "popup");
    popup.id = `menu-group-${index}`;
    for (const item of group.items) popup.appendChild(menuButton(item, ""));
    const opener = element("button", "top group", group.name);
    opener.type = "button";
    opener.setAttribute("aria-expanded", "false");
    opener.setAttribute("aria-controls", popup.id);
    opener.addEventListener("click", event => {
      event.stopPropagation();
      const open = !popup.classList.contains("open");
      closePopups();
      popup.classList.toggle("open", open);
      opener.setAttribute("aria-expanded", String(open));
    });
    entry.append(popup, opener);
    return entry;
  }

  function buildMenu() {
    config.menu.forEach((item, index) => {
      let entry;
      if (item.items) {
        entry = menuGroup(item, index);
      } else {
        entry = element("div", "entry");
        entry.appendChild(menuButton(item, "top"));
      }
      $("menu").appendChild(entry);
    });
  }

  function menuMode(on) {
    $("composer").classList.toggle("menu-mode", on);
    $("menu-toggle").setAttribute("aria-expanded", String(on));
    $("menu-toggle").title = on ? label("keyboard") : label("menu");
    $("menu-toggle").setAttribute("aria-label", $("menu-toggle").title);
    if (!on) closePopups();
  }

  function closePopups() {
    for (const popup of document.querySelectorAll("#menu .popup.open")) popup.classList.remove("open");
    for (const opener of document.querySelectorAll("#menu .group")) opener.setAttribute("aria-expanded", "false");
  }

  function tools(open) {
    $("tools").classList.toggle("open", open);
    $("tools-toggle").setAttribute("aria-expanded", String(open));
  }

  // -- the user: remembered, with the last few offered again ---------------------------------------------
  function newUserId() {
    // A phone-like number, so that the SMS dialog can offer it back; simulator users never reach a phone.
    const digits = crypto.getRandomValues(new Uint32Array(1))[0] % 100000000;
    return "139" + String(digits).padStart(8, "0");
  }

  function rememberUser(user) {
    let recent = [];
    try { recent = JSON.parse(store.get("recent") || "[]"); } catch { /* start again */ }
    recent = [user, ...recent.filter(u => u !== user && typeof u === "string")].slice(0, 8);
    store.set("recent", JSON.stringify(recent));
    $("recent-users").replaceChildren(...recent.map(u => Object.assign(document.createElement("option"), {value: u})));
  }

  function typingCount() {
    const text = $("text").value;
    $("typing-count").textContent = channel === "sms" && text ? label("sms_count", smsCount(text)) : "";
  }

  // -- wiring ----------------------------------------------------------------------------------------------
  $("send").addEventListener("submit", event => {
    event.preventDefault();
    const input = $("text");
    if (!input.value.trim()) return;
    sendText(input.value);
    input.value = "";
    typingCount();
  });
  $("text").addEventListener("input", typingCount);
  $("user").addEventListener("change", current);
  $("user").addEventListener("keydown", event => {
    if (event.key === "Enter") $("text").focus();
  });
  $("channel").addEventListener("click", event => {
    const picked = event.target.closest("button[data-channel]");
    if (!picked) return;
    channel = picked.dataset.channel;
    current();
  });
  $("tools-toggle").addEventListener("click", event => {
    event.stopPropagation();
    tools(!$("tools").classList.contains("open"));
  });
  $("subscribe").addEventListener("click", () => { tools(false); sendEvent({event: "subscribe"}, label("followed")); });
  $("unsubscribe").addEventListener("click", () => {
    tools(false);
    sendEvent({event: "unsubscribe"}, label("unfollowed"));
  });
  $("new-user").addEventListener("click", () => {
    tools(false);
    $("user").value = newUserId();
    current();
  });
  $("debug").addEventListener("change", () => {
    document.body.classList.toggle("show-debug", $("debug").checked);
    store.set("debug", $("debug").checked ? "1" : "0");
  });
  $("menu-toggle").addEventListener("click", () => menuMode(!$("composer").classList.contains("menu-mode")));
  $("threads").addEventListener("click", event => {
    const example = event.target.closest("[data-say]");
    if (example) sendText(example.dataset.say);
    else if (event.target.closest(".follow")) sendEvent({event: "subscribe"}, label("followed"));
  });
  document.addEventListener("click", event => {
    if (!event.target.closest("#tools")) tools(false);
    if (!event.target.closest("#menu")) closePopups();
  });
  document.addEventListener("keydown", event => {
    if (event.key === "Escape") {
      tools(false);
      closePopups();
      if (alerts.open) alertsSheet(false);
    }
  });
  $("alerts-toggle").addEventListener("click", () => alertsSheet(!alerts.open));
  $("alerts-close").addEventListener("click", () => {
    alertsSheet(false);
    $("alerts-toggle").focus();
  });
  wide.addEventListener("change", showUnseen);
  document.addEventListener("visibilitychange", poll);
  setInterval(poll, config.poll_ms);

  buildMenu();
  // The caseworker's panel: there only when this script runs (without it, the chat is the whole page).
  $("alerts").hidden = false;
  $("alerts-toggle").hidden = false;
  document.body.classList.add("with-alerts");
  $("debug").checked = store.get("debug") === "1";
  document.body.classList.toggle("show-debug", $("debug").checked);
  $("user").value = store.get("user") || newUserId();
  current();
})();
