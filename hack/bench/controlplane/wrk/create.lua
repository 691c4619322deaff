-- POST of small ConfigMaps with unique names PREFIX-THREAD-N (the same object as
-- ../bench.py's creates: one label, two data keys). Anything but 201 is counted.
--   wrk -s create.lua https://HOST:PORT -- NAMESPACE PREFIX
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")

expected = 201
local path, prefix
local n = 0

function init(args)
   path = "/api/v1/namespaces/" .. (args[1] or "bench") .. "/configmaps"
   prefix = (args[2] or "wrk") .. "-" .. (id or 0) .. "-"
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   local name = prefix .. n
   n = n + 1
   local body = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"' .. name ..
      '","labels":{"bench":"yes"}},"data":{"key":"value","n":"' .. name .. '"}}'
   return wrk.format("POST", path, nil, body)
end

function response(status, headers, body)
   count_status(status)
end
