"""Live news: fetch pages and follow feeds politely, keep every version of an article.

Stages, one module each: ``addresses`` (which networks a fetch may reach), ``robots``
(robots.txt through protego), ``fetcher`` (the one HTTP client: politeness, conditional
requests, limits, redirects and retries), ``feeds`` (RSS/Atom through feedparser, sitemaps,
feed discovery), ``metadata`` (main text and metadata through trafilatura: canonical URL,
published/modified, outlet, paywall), ``follow`` (fetch, read and store through the same
``Feeder`` as ``ingest``) and ``revisions`` (what changed between two versions, fact by fact).
"""
