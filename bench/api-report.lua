-- wrk script: each request records a report from an event through the API (POST /api/v1/actions/30-24/reports)
-- with an idempotency key of its own, as a partner's CRM would; the token comes from $API_TOKEN.
-- Counts 201 answers, so the run can check that every acknowledged report was stored.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  accepted = 0
  refused = 0
  sent = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("API_TOKEN")
end

function request()
  sent = sent + 1
  local body = string.format('{"idempotency_key":"bench-%d-%d","counts":{"letter":%d}}', id, sent, 1 + sent % 5)
  return wrk.format(nil, "/api/v1/actions/30-24/reports", nil, body)
end

function response(status, headers, body)
  if status == 201 then accepted = accepted + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
  local total, bad = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("accepted")
    bad = bad + thread:get("refused")
  end
  io.write(string.format("ACCEPTED %d\nREFUSED %d\nP99_MS %.1f\n", total, bad, latency:percentile(99) / 1000))
end
