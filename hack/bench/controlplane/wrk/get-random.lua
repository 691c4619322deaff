-- GET of a random ConfigMap among cm-0 .. cm-(N-1) in a namespace.
--   wrk -s get-random.lua https://HOST:PORT -- NAMESPACE N
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")

expected = 200
local prefix, count

function init(args)
   prefix = "/api/v1/namespaces/" .. (args[1] or "bench") .. "/configmaps/cm-"
   count = tonumber(args[2] or "1000")
   math.randomseed(os.time() * 100 + (id or 0))
end

function request()
   return wrk.format("GET", prefix .. math.random(0, count - 1))
end

function response(status, headers, body)
   count_status(status)
end
