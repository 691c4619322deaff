-- GET of the one URL on wrk's command line (no request()/response() of its own, so
-- wrk sends its static request exactly as without a script); only adds the summary.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")
