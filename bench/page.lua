-- wrk script: GET one page, printing requests per second and the 99th percentile for the bench to read.
function done(summary, latency, requests)
  io.write(string.format("RPS %.1f\nP99_MS %.2f\nERRORS %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout))
end
