-- wrk reporter: one JSON line with throughput and latency percentiles (milliseconds).
-- With BENCH_ROTATION naming a file of "path<TAB>session key" lines, each request takes the next line (each
-- wrk thread starting at its own place), so a row can go through many readers or many queries.
local rotation = os.getenv("BENCH_ROTATION")
if rotation then
  local targets = {}
  for line in io.lines(rotation) do
    local path, session = line:match("^([^\t]*)\t(.*)$")
    local headers = {}
    if session ~= "" then headers["Cookie"] = "sessionid=" .. session end
    table.insert(targets, wrk.format("GET", path, headers))
  end
  local threads = 0
  setup = function(thread)
    threads = threads + 1
    thread:set("position", threads * 37)
  end
  request = function()
    position = (position or 0) % #targets + 1
    return targets[position]
  end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "errors": %d, "rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f}\n',
    summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
