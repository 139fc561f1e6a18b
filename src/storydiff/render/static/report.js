document.querySelectorAll('a.ev').forEach(function(link){
  link.addEventListener('click', function(){
    document.querySelectorAll('mark.focus').forEach(function(m){m.classList.remove('focus')});
    var target = document.getElementById(link.dataset.target);
    if (target) { target.classList.add('focus'); }
  });
});
document.querySelectorAll('mark[data-findings]').forEach(function(mark){
  mark.addEventListener('click', function(){
    var first = mark.dataset.findings.split(' ')[0];
    var item = document.getElementById(first);
    if (item) { item.scrollIntoView({behavior:'smooth', block:'center'}); }
  });
});
