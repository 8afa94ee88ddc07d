// Live blogs: ask for changes every few seconds; new entries wait behind a
// "N new updates" button instead of moving the page under the reader, edits
// and deletions apply in place. Without JavaScript the page works by
// reloading (its "Refresh" link). The address names a time bucket, so every
// reader polling in the same few seconds asks for the same, cached, URL.
(function () {
  "use strict";

  var section = document.getElementById("live-entries");
  if (!section || !section.dataset.updates) {
    return;
  }
  var list = section.querySelector(".live-entries__list");
  var button = section.querySelector(".live-new__button");
  var refresh = section.querySelector(".live-refresh");
  var base = section.dataset.updates.replace(/0\/$/, "");
  var pollMs = (Number(section.dataset.pollSeconds) || 10) * 1000;
  var bucketSeconds = Number(section.dataset.bucketSeconds) || 5;
  var known = Number(section.dataset.version) || 0;
  var newest = Number(section.dataset.newest) || 0;
  var firstPage = section.dataset.page === "1";
  // Seconds to add to this computer's clock to get the server's.
  var clockOffset = 0;
  var pending = new Map(); // entry id -> {posted, html}
  var stale = false;
  var timer = null;

  if (refresh) {
    refresh.hidden = true; // the page refreshes itself
  }

  function bucket() {
    return Math.floor((Date.now() / 1000 + clockOffset) / bucketSeconds);
  }

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html; // rendered by the server from our templates
    return template.content.firstElementChild;
  }

  function showButton() {
    if (stale) {
      button.textContent = "New updates: reload the page";
    } else if (pending.size) {
      var n = pending.size;
      button.textContent = n + (n === 1 ? " new update" : " new updates");
    }
    button.hidden = !(stale || pending.size);
  }

  function apply(change) {
    var id = "entry-" + change.id;
    var shown = document.getElementById(id);
    if (change.deleted) {
      pending.delete(change.id);
      if (shown) {
        shown.remove();
      }
      return;
    }
    if (shown) {
      var fresh = fragment(change.html);
      var wasPinned = shown.parentElement.classList.contains("live-pinned");
      var isPinned = fresh.classList.contains("live-entry--pinned");
      if (wasPinned === isPinned) {
        shown.replaceWith(fresh);
        return;
      }
      // Pinned or unpinned: it moves, which only a reload shows rightly.
      shown.replaceWith(fresh);
      stale = true;
      return;
    }
    if (change.posted > newest) {
      pending.set(change.id, { posted: change.posted, html: change.html });
    } else if (pending.has(change.id)) {
      pending.set(change.id, { posted: change.posted, html: change.html });
    }
  }

  function handle(data) {
    if (typeof data.bucket === "number") {
      var drift = data.bucket * bucketSeconds - Date.now() / 1000;
      if (Math.abs(drift - clockOffset) > bucketSeconds) {
        clockOffset = drift;
      }
    }
    if (!Array.isArray(data.entries)) {
      return;
    }
    if (known < data.complete_since) {
      stale = true; // asleep too long: changes were missed
    } else {
      data.entries
        .filter(function (change) { return change.changed > known; })
        .sort(function (a, b) { return a.changed - b.changed; })
        .forEach(apply);
    }
    known = Math.max(known, data.version);
    showButton();
    if (data.status === "ended") {
      stop();
    }
  }

  function poll() {
    fetch(base + bucket() + "/", { credentials: "omit" })
      .then(function (response) {
        return response.json().catch(function () { return {}; });
      })
      .then(handle)
      .catch(function () { /* offline for a moment: try again next time */ })
      .then(schedule);
  }

  function schedule() {
    if (timer !== false) {
      timer = window.setTimeout(poll, pollMs);
    }
  }

  function stop() {
    window.clearTimeout(timer);
    timer = false;
  }

  function insertPending() {
    var entries = Array.from(pending.values()).sort(function (a, b) {
      return b.posted - a.posted;
    });
    var frag = document.createDocumentFragment();
    entries.forEach(function (entry) {
      var element = fragment(entry.html);
      element.classList.add("live-entry--new");
      frag.appendChild(element);
      newest = Math.max(newest, entry.posted);
    });
    var first = frag.firstElementChild;
    var empty = list.querySelector(".live-entries__empty");
    if (empty) {
      empty.remove();
    }
    list.insertBefore(frag, list.firstChild);
    pending.clear();
    if (first) {
      // Screen readers and keyboards start at the newest of them.
      first.setAttribute("tabindex", "-1");
      first.focus();
    }
  }

  button.addEventListener("click", function () {
    if (stale || !firstPage) {
      // The newest entries are on the first page, as the server orders them.
      window.location.assign(window.location.pathname);
      return;
    }
    insertPending();
    showButton();
  });

  // Spread the first poll over one interval, so that readers who opened the
  // page at once do not all poll at the same moment.
  timer = window.setTimeout(poll, Math.random() * pollMs);
})();
