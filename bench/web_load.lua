-- wrk script for bench/web_load.py: GET a rotating list of paths, report as JSON.
--
--   wrk -t2 -c20 -d30s -s bench/web_load.lua http://127.0.0.1:PORT -- PATHS_FILE
--
-- PATHS_FILE holds one path per line (e.g. /people/42). Each connection walks the list
-- from its own starting point, so many different pages are asked for at once. Responses
-- that are not 2xx are counted (wrk itself counts only status >= 400). done() prints one
-- line "WEB_LOAD_JSON {...}" with the latency percentiles (microseconds), the requests,
-- the duration and the errors, which web_load.py parses.

local paths = {}
local counter = 0
local non2xx = 0
local threads = {}

local function load_paths(file)
  local list = {}
  for line in io.lines(file) do
    if line ~= "" then
      list[#list + 1] = line
    end
  end
  return list
end

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  paths = load_paths(args[1])
  -- Threads start at different places in the list, then walk it in turn.
  counter = (id or 0) * 7919
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("non2xx") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'WEB_LOAD_JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f, ' ..
    '"non2xx": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean,
    bad, e.connect, e.read, e.write, e.status, e.timeout))
end
