/* Masthead default theme: visitor search on a static host, no server needed.
   Index: GET /search/index.json -> {"version":1,"shards":["/search/s-00-<hash>.json", ...]}
   Shard: {"docs":[{"u":url,"t":title,"s":summary,"d":date_display,"k":"folded terms"}]}
   The page has <form role="search" class="mh-search"> with <input name="q" id="mh-search-q"> and
   <div id="mh-search-results" aria-live="polite">. A result needs every query word to be the
   start of one of its terms; matches in the title rank higher. */
(function () {
  'use strict';
  var doc = document;
  var input = doc.getElementById('mh-search-q');
  var live = doc.getElementById('mh-search-results');
  if (!input || !live || !window.fetch || !''.normalize) return;
  var form = input.form;
  var MAX = 50;
  var indexUrl = new URL((form && form.getAttribute('data-index')) || '/search/index.json', location.href).href;
  var loading = null;
  var seq = 0;
  var timer = null;

  var MARKS = /[\u0300-\u036f]/g;
  try { MARKS = new RegExp('\\p{M}', 'gu'); } catch (e) { /* older browser: the common accents only */ }
  function fold(s) {
    return String(s || '').normalize('NFD').replace(MARKS, '').toLowerCase();
  }
  var SPLIT = /[^0-9a-z\u00c0-\uffff]+/;
  try { SPLIT = new RegExp('[^\\p{L}\\p{N}]+', 'u'); } catch (e) { /* older browser: approximate */ }
  function words(s) {
    var out = [];
    fold(s).split(SPLIT).forEach(function (w) { if (w && out.indexOf(w) < 0) out.push(w); });
    return out;
  }

  function getJSON(url) {
    return fetch(url, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error(r.status + ' ' + url);
      return r.json();
    });
  }

  // Fetch the index and every shard (in parallel, once), then build a sorted term list with postings.
  function load() {
    if (!loading) {
      loading = getJSON(indexUrl).then(function (idx) {
        if (!idx || idx.version !== 1 || !Array.isArray(idx.shards)) throw new Error('unsupported search index');
        return Promise.all(idx.shards.map(function (s) { return getJSON(new URL(s, indexUrl).href); }));
      }).then(function (shards) {
        var docs = [];
        var postings = new Map();
        function add(term, id) {
          var list = postings.get(term);
          if (!list) postings.set(term, list = []);
          if (list[list.length - 1] !== id) list.push(id);
        }
        shards.forEach(function (shard) {
          (shard.docs || []).forEach(function (d) {
            var id = docs.length;
            var tw = words(d.t);
            docs.push({ u: d.u, t: d.t || d.u, s: d.s || '', d: d.d || '', tw: tw });
            String(d.k || '').split(/\s+/).concat(tw).forEach(function (term) { if (term) add(term, id); });
          });
        });
        return { docs: docs, postings: postings, terms: Array.from(postings.keys()).sort() };
      });
      loading.catch(function () { loading = null; }); // allow a retry on the next search
    }
    return loading;
  }

  function lowerBound(arr, x) {
    var lo = 0, hi = arr.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (arr[mid] < x) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function rank(index, qw) {
    var scores = null;
    for (var w = 0; w < qw.length; w++) {
      var word = qw[w];
      var hits = new Map();
      for (var i = lowerBound(index.terms, word); i < index.terms.length && index.terms[i].lastIndexOf(word, 0) === 0; i++) {
        var sc = index.terms[i] === word ? 2 : 1;
        index.postings.get(index.terms[i]).forEach(function (id) {
          if ((hits.get(id) || 0) < sc) hits.set(id, sc);
        });
      }
      if (scores) {
        var both = new Map();
        scores.forEach(function (s, id) { if (hits.has(id)) both.set(id, s + hits.get(id)); });
        scores = both;
      } else {
        scores = hits;
      }
      if (!scores.size) break;
    }
    var out = [];
    scores.forEach(function (s, id) {
      var tw = index.docs[id].tw;
      var inTitle = 0;
      qw.forEach(function (word) {
        if (tw.indexOf(word) >= 0) { s += 8; inTitle++; }
        else if (tw.some(function (t) { return t.lastIndexOf(word, 0) === 0; })) { s += 5; inTitle++; }
      });
      if (inTitle === qw.length) s += 4;
      out.push({ id: id, score: s });
    });
    out.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    return out.map(function (r) { return index.docs[r.id]; });
  }

  function safeUrl(u) {
    try {
      var url = new URL(u, location.href);
      return /^https?:$/.test(url.protocol) ? url.href : null;
    } catch (e) { return null; }
  }

  var hitsEl = doc.createElement('ol');
  hitsEl.className = 'mh-search-hits';
  live.parentNode.insertBefore(hitsEl, live.nextSibling);

  function say(text) {
    live.textContent = '';
    if (text) {
      var p = doc.createElement('p');
      p.className = 'mh-search-status';
      p.textContent = text;
      live.appendChild(p);
    }
  }

  function render(q, results) {
    hitsEl.textContent = '';
    var n = results.length;
    if (!n) say('No results for “' + q + '”. Try fewer or shorter words.');
    else if (n > MAX) say('The first ' + MAX + ' of ' + n + ' results for “' + q + '”.');
    else say((n === 1 ? '1 result' : n + ' results') + ' for “' + q + '”.');
    results.slice(0, MAX).forEach(function (d) {
      var href = safeUrl(d.u);
      if (!href) return;
      var li = doc.createElement('li');
      var a = doc.createElement('a');
      a.href = href;
      a.textContent = d.t;
      li.appendChild(a);
      if (d.s) {
        var p = doc.createElement('p');
        p.textContent = d.s;
        li.appendChild(p);
      }
      if (d.d) {
        var date = doc.createElement('p');
        date.className = 'mh-hit-date';
        date.textContent = d.d;
        li.appendChild(date);
      }
      hitsEl.appendChild(li);
    });
  }

  function updateUrl(q) {
    if (!window.history || !history.replaceState) return;
    var url = new URL(location.href);
    if (q) url.searchParams.set('q', q); else url.searchParams.delete('q');
    if (url.href !== location.href) history.replaceState(history.state, '', url.href);
  }

  function run() {
    var q = input.value.trim();
    var qw = words(q);
    var mine = ++seq;
    updateUrl(q);
    if (!qw.length) { say(''); hitsEl.textContent = ''; return; }
    var slow = setTimeout(function () { if (mine === seq) say('Loading the search index…'); }, 250);
    load().then(function (index) {
      clearTimeout(slow);
      if (mine === seq) render(q, rank(index, qw));
    }, function () {
      clearTimeout(slow);
      if (mine === seq) { hitsEl.textContent = ''; say('Sorry, search is not available right now. Please try again later.'); }
    });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  input.addEventListener('focus', function () { load().catch(function () {}); });
  if (form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      run();
    });
  }

  var initial = new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial;
    run();
  }
})();
