-- wrk script: loads the Urgent Action page as supporters do and keeps the report form's token from each
-- response, one per line, in $TOKENS_OUT.<thread>: every report in the bench then comes from a form of its own.
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  out = io.open(os.getenv("TOKENS_OUT") .. "." .. id, "w")
end

function response(status, headers, body)
  local token = body:match('name="token" value="([^"]+)"')
  if token then out:write(token, "\n") end
end

function done(summary, latency, requests)
end
