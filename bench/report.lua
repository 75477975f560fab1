-- wrk script: each request reports actions on UA 30.24 with a form token of its own from $TOKENS_FILE,
-- as supporters who each loaded the page do; once the tokens run out they are used again with other
-- numbers (the idempotency key is the token plus what was reported, so these are new reports too).
-- Every request comes from another client address (X-Forwarded-For) so the per-client caps do not flag
-- the benchmark's own traffic. At most 8 wrk threads.
local tokens = {}
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("TOKENS_FILE")) do table.insert(tokens, line) end
  accepted = 0
  refused = 0
  sent = 0
end

-- Every request reports something different (token, number of letters, country per thread), so none is
-- a duplicate of another and the totals must equal the number of 303 answers exactly.
local countries = { "DE", "FR", "KG", "US", "PT", "BR", "IN", "ZA" }

-- Thread `id` of $WRK_THREADS takes tokens id, id + threads, id + 2 * threads...: no two threads share one.
local stride = tonumber(os.getenv("WRK_THREADS") or "8")

function request()
  sent = sent + 1
  local slot = (sent - 1) * stride + id
  local token = tokens[((slot - 1) % #tokens) + 1]
  local letters = (math.floor((slot - 1) / #tokens) % 500) + 1
  local body = "token=" .. token .. "&count_letter=" .. letters .. "&country=" .. countries[id]
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    -- A network of its own (/64) for each report: the caps count an IPv6 client by its /64.
    ["X-Forwarded-For"] = string.format("2001:%x:%x:%x::1", id, math.floor(sent / 65536), sent % 65536),
  }
  return wrk.format("POST", "/actions/30-24/report", headers, body)
end

function response(status, headers, body)
  if status == 303 then accepted = accepted + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
  local a, r = 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("accepted")
    r = r + thread:get("refused")
  end
  io.write(string.format("ACCEPTED %d\nREFUSED %d\nP99_MS %.2f\nRPS %.1f\n", a, r, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end

-- With PACE_MS set, each connection waits that long before each request: the same load at every size
-- (bench/scale), so latencies compare, rather than as many requests as the server can take.
local pace = tonumber(os.getenv("PACE_MS") or "0")
if pace > 0 then
  function delay()
    return pace
  end
end
