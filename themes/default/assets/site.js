/* Masthead default theme: small progressive enhancements, no dependencies.
   - marks <html> with the `js` class
   - mobile menu toggle
   - the home page carousel (one slide at a time, previous/next, pause/play, arrow keys)
   - click-to-load videos: nothing is requested from the video host before the visitor clicks
   - WordPress short links: a static host answers /?p=123 with the home page; a site imported
     from WordPress has a redirect page at /p/123/ for each old post and page, so go there */
(function () {
  'use strict';
  var doc = document;
  var root = doc.documentElement;
  var shortLink = /^\?(?:p|page_id)=(\d+)(?:&|$)/.exec(window.location.search);
  if (shortLink && window.location.pathname === '/') {
    window.location.replace('/p/' + shortLink[1] + '/');
    return;
  }
  root.classList.remove('no-js');
  root.classList.add('js');

  function initMenu() {
    var btn = doc.querySelector('.mh-menu-toggle');
    var menu = doc.getElementById('mh-menu');
    if (!btn || !menu) return;
    btn.hidden = false;
    function set(open) {
      btn.setAttribute('aria-expanded', open ? 'true' : 'false');
      menu.classList.toggle('is-open', open);
    }
    btn.addEventListener('click', function () {
      set(btn.getAttribute('aria-expanded') !== 'true');
    });
    doc.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && menu.classList.contains('is-open')) {
        set(false);
        btn.focus();
      }
    });
  }

  function initCarousel(el) {
    var slides = Array.prototype.slice.call(el.querySelectorAll('.mh-slide'));
    if (slides.length < 2) return;
    var list = el.querySelector('.mh-slides');
    var prevBtn = el.querySelector('.mh-carousel-prev');
    var nextBtn = el.querySelector('.mh-carousel-next');
    var rotateBtn = el.querySelector('.mh-carousel-rotate');
    var counter = el.querySelector('.mh-carousel-current');
    var reduce = window.matchMedia ? window.matchMedia('(prefers-reduced-motion: reduce)') : { matches: false };
    var DELAY = 7000;
    var current = 0;
    var timer = null;
    var userPaused = false;
    var hovering = false;
    var focused = false;

    for (var i = 0; i < slides.length; i++) {
      if (slides[i].classList.contains('is-current')) current = i;
    }

    function warm(i) {
      // Start loading the next slide's image so it is ready when it shows.
      var img = slides[(i + slides.length) % slides.length].querySelector('img[loading="lazy"]');
      if (img) img.loading = 'eager';
    }

    function show(i, focusSlide) {
      var n = slides.length;
      var hadFocus = slides[current].contains(doc.activeElement);
      i = (i % n + n) % n;
      slides[current].classList.remove('is-current');
      current = i;
      slides[current].classList.add('is-current');
      if (counter) counter.textContent = String(current + 1);
      el.classList.add('has-moved'); // only animate slides the visitor (or the timer) brings in
      warm(current + 1);
      if (hadFocus || focusSlide) {
        var group = slides[current].querySelector('[role="group"]') || slides[current];
        group.setAttribute('tabindex', '-1');
        group.focus();
      }
    }

    function rotating() {
      return !userPaused && !reduce.matches && !hovering && !focused && !doc.hidden;
    }

    function update() {
      clearTimeout(timer);
      timer = null;
      if (rotating()) {
        timer = setTimeout(function () {
          show(current + 1);
          update();
        }, DELAY);
      }
      list.setAttribute('aria-live', timer ? 'off' : 'polite');
      if (rotateBtn) {
        var on = !userPaused && !reduce.matches;
        var label = rotateBtn.querySelector('.mh-carousel-rotate-label');
        var icon = rotateBtn.querySelector('[aria-hidden="true"]');
        if (label) label.textContent = rotateBtn.getAttribute(on ? 'data-label-pause' : 'data-label-play');
        if (icon) icon.className = on ? 'mh-icon-pause' : 'mh-icon-play';
      }
    }

    if (prevBtn) prevBtn.addEventListener('click', function () { show(current - 1); update(); });
    if (nextBtn) nextBtn.addEventListener('click', function () { show(current + 1); update(); });
    if (rotateBtn) {
      rotateBtn.addEventListener('click', function () {
        userPaused = !userPaused;
        update();
      });
    }
    el.addEventListener('keydown', function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        e.preventDefault();
        var inSlides = list.contains(doc.activeElement);
        show(current + (e.key === 'ArrowLeft' ? -1 : 1), inSlides);
        update();
      }
    });
    // Pause while the pointer is over the carousel or keyboard focus is in it
    // (except on the pause/play button itself, so "Play" visibly plays).
    el.addEventListener('mouseenter', function () { hovering = true; update(); });
    el.addEventListener('mouseleave', function () { hovering = false; update(); });
    el.addEventListener('focusin', function (e) { focused = e.target !== rotateBtn; update(); });
    el.addEventListener('focusout', function (e) {
      if (!e.relatedTarget || !el.contains(e.relatedTarget)) { focused = false; update(); }
    });
    doc.addEventListener('visibilitychange', update);
    if (reduce.addEventListener) reduce.addEventListener('change', update);
    else if (reduce.addListener) reduce.addListener(update);

    el.classList.add('is-ready');
    warm(current + 1);
    update();
  }

  function initVideos() {
    doc.addEventListener('click', function (e) {
      if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      var poster = e.target.closest ? e.target.closest('.mh-video-poster') : null;
      if (!poster) return;
      var box = poster.closest('.mh-video');
      var src = box ? box.getAttribute('data-embed') : '';
      if (!src || !/^https:\/\//i.test(src)) return; // not a safe embed: just follow the link
      e.preventDefault();
      var frame = doc.createElement('iframe');
      frame.src = src;
      frame.title = box.getAttribute('data-title') || poster.getAttribute('aria-label') || 'Embedded video';
      frame.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
      frame.setAttribute('allowfullscreen', '');
      frame.referrerPolicy = 'strict-origin-when-cross-origin';
      poster.parentNode.replaceChild(frame, poster);
      var note = box.querySelector('.mh-video-note');
      if (note) note.parentNode.removeChild(note);
      frame.focus();
    });
  }

  // A table too wide for the screen scrolls sideways: let keyboard users focus it to scroll.
  function initTables() {
    var tables = doc.querySelectorAll('.mh-prose table');
    function check() {
      for (var i = 0; i < tables.length; i++) {
        var t = tables[i];
        if (t.scrollWidth > t.clientWidth + 1) t.setAttribute('tabindex', '0');
        else t.removeAttribute('tabindex');
      }
    }
    if (!tables.length) return;
    check();
    window.addEventListener('resize', check);
  }

  function init() {
    initMenu();
    initTables();
    Array.prototype.forEach.call(doc.querySelectorAll('.mh-carousel'), initCarousel);
    initVideos();
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', init);
  else init();
})();
