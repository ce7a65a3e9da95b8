"""One router per area: extract, articles, quotes, speakers, stats (the API) and pages (the web UI)."""
