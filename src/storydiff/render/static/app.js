// Enhancements only: every link works without script (a server-rendered ?focus= page and #anchors).
// With script, "Highlight in every source" marks the finding's spans in place and scrolls each
// source column to its span; a mark clicked in a source brings its finding's card into view.
(function () {
  function focus(finding) {
    document.querySelectorAll('mark.focus').forEach(function (m) { m.classList.remove('focus'); });
    document.querySelectorAll('article.conflict-card.focused').forEach(function (c) { c.classList.remove('focused'); });
    var card = document.getElementById('c-' + finding);
    if (card) { card.classList.add('focused'); }
    document.querySelectorAll('article.source').forEach(function (column) {
      var first = null;
      column.querySelectorAll('mark[data-findings]').forEach(function (m) {
        if (m.dataset.findings.split(' ').indexOf(finding) >= 0) {
          m.classList.add('focus');
          if (!first) { first = m; }
        }
      });
      if (first) { column.scrollTop = first.offsetTop - column.offsetTop - column.clientHeight / 3; }
    });
    var sources = document.getElementById('sources');
    if (sources) { sources.scrollIntoView({block: 'start'}); }
  }
  document.addEventListener('click', function (event) {
    var link = event.target.closest('a.focus-link');
    if (link) {
      event.preventDefault();
      focus(link.dataset.finding);
      history.replaceState(null, '', link.href);
      return;
    }
    var jump = event.target.closest('a.jump');
    if (jump) {
      var target = document.getElementById(jump.dataset.target);
      var mark = target && target.nextElementSibling;
      if (mark) {
        event.preventDefault();
        document.querySelectorAll('mark.focus').forEach(function (m) { m.classList.remove('focus'); });
        mark.classList.add('focus');
        mark.scrollIntoView({block: 'center'});
      }
      return;
    }
    var marked = event.target.closest('mark[data-findings]');
    if (marked) {
      var card = document.getElementById('c-' + marked.dataset.findings.split(' ')[0]);
      if (card) { card.scrollIntoView({block: 'center'}); }
    }
  });
})();
