-- Shared by the wrk scripts here: per-thread ids and status counts, and one
-- machine-readable summary line at the end. Loaded with dofile() by each script.
--
--   RESULT requests=N duration_s=S rps=R p50_ms=.. p90_ms=.. p99_ms=.. p999_ms=.. max_ms=..
--          unexpected=N status_errors=N connect=N read=N write=N timeout=N
--
-- `unexpected` counts responses whose status is not `expected` (set by the script;
-- only scripts with a response() function count them); `status_errors` is wrk's own
-- count of responses outside 2xx/3xx.

local threads = {}
local next_id = 0

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

function done(summary, latency, requests)
   local unexpected = 0
   for _, t in ipairs(threads) do
      unexpected = unexpected + (t:get("unexpected") or 0)
   end
   local seconds = summary.duration / 1e6
   local function ms(us) return string.format("%.2f", us / 1000) end
   io.write(string.format(
      "RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%s p90_ms=%s p99_ms=%s p999_ms=%s max_ms=%s " ..
      "unexpected=%d status_errors=%d connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)),
      ms(latency:percentile(99.9)), ms(latency.max),
      unexpected, summary.errors.status, summary.errors.connect, summary.errors.read,
      summary.errors.write, summary.errors.timeout))
end

-- Per-thread (each wrk thread has its own Lua state).
unexpected = 0

function count_status(status)
   if status ~= expected then
      unexpected = unexpected + 1
   end
end
