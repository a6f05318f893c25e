/* Recueil search worker: answers Material for MkDocs' search messages (SETUP 0 -> READY 1,
 * QUERY 2 -> RESULT 3) from the index built once at build time (converters/search.py),
 * loading only the few files a query needs. Runs as a Web Worker from a server and inside
 * iframe-worker's iframe from file://, where importScripts returns a promise.
 * Term rules (fold, stop words, stem) must stay those of converters/search.py. */
(function () {
  "use strict";

  var STOP = new Set(("a au aux avec ce ces cet cette d dans de des du elle en et est il ils l la le les leur leurs " +
    "lui ma mais me meme mes n ne nos notre nous on ou par pas pour qu que qui s sa se ses son sont sur ta te tes " +
    "ton tu un une vos votre vous y").split(" "));
  var LIGATURES = { "œ": "oe", "æ": "ae", "ß": "ss" };
  var MAX_EXPANSIONS = 64; // terms a typed prefix may stand for
  var MAX_ENTRIES = 60; // entries a result list shows (their pages' files are loaded to show them)
  var K1 = 1.2;

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[œæß]/g, function (c) { return LIGATURES[c]; });
  }

  function stem(word) {
    if (word.length > 4 && word.slice(-3) === "aux") { return word.slice(0, -3) + "al"; }
    if (word.length > 3 && (word.slice(-1) === "s" || word.slice(-1) === "x")) { word = word.slice(0, -1); }
    while (word.length > 4 && word.slice(-1) === "e") { word = word.slice(0, -1); }
    return word;
  }

  function words(text) {
    return (fold(text).match(/[a-z0-9]+/g) || []).filter(function (w) {
      return !STOP.has(w) && (w.length > 1 || /[0-9]/.test(w));
    });
  }

  function terms(text) { return words(text).map(stem); }

  self.RecueilTerms = { fold: fold, stem: stem, terms: terms };

  // -- loading ---------------------------------------------------------------------------
  var meta = null;
  var shards = {};
  var docs = {};
  self.__rs = {
    meta: function (m) { meta = m; },
    terms: function (key, table) { shards[key] = table; },
    docs: function (page, entries) { docs[page] = entries; }
  };

  function siteRoot() {
    var src = self.location.href;
    if (typeof document !== "undefined") {
      var script = document.querySelector("script[src*='recueil-search']");
      if (script) { src = script.src; }
    }
    return src.replace(/assets\/recueil-search\.js.*$/, "");
  }

  var root = siteRoot();

  function load(path) {
    try {
      return Promise.resolve(importScripts(root + "search/recueil/" + path));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  function loadShards(keys) {
    // Each file once: iframe-worker's importScripts does not settle a second pending load of one URL.
    return Promise.all(keys.filter(function (k, i) {
      return keys.indexOf(k) === i && !(k in shards) && meta.shards.indexOf(k) >= 0;
    }).map(function (k) { return load("t/" + k + ".js"); }));
  }

  function loadPages(pages) {
    return Promise.all(pages.filter(function (p) { return !(p in docs); })
      .map(function (p) { return load("p/" + p + ".js"); }));
  }

  // -- search ----------------------------------------------------------------------------
  function postingsFor(term, prefix) {
    var table = shards[term.slice(0, 2)] || {};
    var found = {};
    var exact = table[stem(term)] || table[term];
    var lists = exact ? [[exact, 1]] : [];
    if (prefix && term.length >= 2) {
      var more = Object.keys(table).filter(function (t) { return t.length > term.length && t.indexOf(term) === 0; })
        .sort(function (a, b) { return table[b].length - table[a].length; }).slice(0, MAX_EXPANSIONS);
      more.forEach(function (t) { if (table[t] !== exact) { lists.push([table[t], 0.8]); } });
    }
    lists.forEach(function (pair) {
      var list = pair[0];
      var weight = pair[1];
      for (var i = 0; i < list.length; i += 2) {
        found[list[i]] = Math.max(found[list[i]] || 0, list[i + 1] * weight);
      }
    });
    return found;
  }

  function score(tf, df) {
    return Math.log(1 + meta.entries / Math.max(df, 1)) * (tf * (K1 + 1)) / (tf + K1);
  }

  function highlighter(query) {
    return function (html) {
      return html.replace(/&#?\w+;|[\p{L}\p{N}]+/gu, function (m) {
        if (m.charAt(0) === "&" && m.slice(-1) === ";") { return m; }
        var f = fold(m);
        var hit = query.some(function (q) { return q.prefix ? f.indexOf(q.word) === 0 : stem(f) === q.term; });
        return hit ? "<mark>" + m + "</mark>" : m;
      });
    };
  }

  var ready = null; // the index's meta file, loading from SETUP on

  function search(text) {
    var typed = words(text);
    if (!typed.length) { return Promise.resolve({ items: [] }); }
    return ready.then(function () { return find(text, typed); });
  }

  function find(text, typed) {
    var open = !/\s$/.test(text);
    var query = typed.map(function (w, i) {
      return { word: w, term: stem(w), prefix: open && i === typed.length - 1 };
    });
    var keys = [];
    query.forEach(function (q) { keys.push(q.word.slice(0, 2), q.term.slice(0, 2)); });
    return loadShards(keys).then(function () {
      var hits = query.map(function (q) { return postingsFor(q.word, q.prefix); });
      var scores = {};
      var matched = {};
      hits.forEach(function (found, i) {
        var df = Object.keys(found).length;
        Object.keys(found).forEach(function (id) {
          scores[id] = (scores[id] || 0) + score(found[id], df);
          (matched[id] = matched[id] || {})[query[i].word] = true;
        });
      });
      var ids = Object.keys(scores);
      var all = ids.filter(function (id) { return Object.keys(matched[id]).length === query.length; });
      if (all.length) { ids = all; } // every word when some entry has them all, else any
      ids.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
      ids = ids.slice(0, MAX_ENTRIES);
      var pages = [];
      ids.forEach(function (id) {
        var p = Math.floor(id / meta.span);
        if (pages.indexOf(p) < 0) { pages.push(p); }
      });
      return loadPages(pages).then(function () { return results(ids, pages, query, scores, matched); });
    });
  }

  function entry(p, k, query, value, found, mark) {
    var e = docs[p][k];
    var location = meta.pages[p] + (e[0] ? "#" + e[0] : "");
    var terms = {};
    query.forEach(function (q) { terms[q.word] = !!(found && found[q.word]); });
    return { location: location, title: mark(e[1]), text: mark(e[2]), score: value, terms: terms };
  }

  function results(ids, pages, query, scores, matched) {
    var mark = highlighter(query);
    var groups = {};
    ids.forEach(function (id) {
      var p = Math.floor(id / meta.span);
      var k = id % meta.span;
      (groups[p] = groups[p] || []).push(entry(p, k, query, scores[id], matched[id], mark));
    });
    var items = pages.map(function (p) {
      var group = groups[p];
      if (!group.some(function (e) { return e.location.indexOf("#") < 0; })) {
        group.push(entry(p, 0, query, 0, null, mark)); // Material shows each group under its page
      }
      return group;
    });
    return { items: items };
  }

  // -- messages (answered in order: a query may wait for files) -------------------------
  var queue = Promise.resolve();
  var latest = 0; // number of the last query received: while typing, older ones are skipped

  function handle(message) {
    if (message.type === 0) {
      // READY at once (Material only sends queries after it); the first query waits for meta.js.
      ready = ready || load("meta.js");
      return Promise.resolve({ type: 1 });
    }
    if (message.type === 2) {
      return search(String(message.data)).then(function (data) { return { type: 3, data: data }; });
    }
    return Promise.reject(new TypeError("Invalid message type"));
  }

  addEventListener("message", function (ev) {
    var query = ev.data && ev.data.type === 2;
    var number = query ? ++latest : 0;
    queue = queue.then(function () {
      return query && number < latest ? null : handle(ev.data);
    }).then(function (reply) {
      if (reply) { postMessage(reply); }
    }, function (err) {
      console.warn("Recueil search:", err);
      postMessage({ type: 3, data: { items: [] } });
    });
  });
})();
