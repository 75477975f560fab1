-- wrk script: GET one page, printing requests per second and the 99th percentile for the bench to read.
function done(summary, latency, requests)
  io.write(string.format("RPS %.1f\nP99_MS %.2f\nERRORS %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout))
end

-- With PACE_MS set, each connection waits that long before each request: the same load at every size
-- (bench/scale), so latencies compare, rather than as many requests as the server can take.
local pace = tonumber(os.getenv("PACE_MS") or "0")
if pace > 0 then
  function delay()
    return pace
  end
end
