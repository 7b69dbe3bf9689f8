-- wrk script: replays the signed webhooks that sign_requests.py wrote, each wrk thread from its own slice.
-- Arguments after "--": FILE FIRST COUNT THREADS. The threads split records FIRST .. FIRST+COUNT-1 evenly;
-- a thread that reaches the end of its slice starts it again, which repeats CallSids: done() counts how often,
-- for the run script to judge (repeats matter only to a server that keeps calls).

local threads = {}
local next_id = 0

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

local prepared = {}
local index = 0
local prepared_count = 0
sent = 0
wrapped = 0

function init(args)
   local path, first, count, nthreads = args[1], tonumber(args[2]), tonumber(args[3]), tonumber(args[4])
   local file = assert(io.open(path, "rb"))
   local header = file:read("*l")
   local width, total, host, target = header:match("^#wrk%-requests 1 (%d+) (%d+) (%S+) (%S+)")
   assert(width, path .. " is not a file of signed requests")
   width, total = tonumber(width), tonumber(total)
   assert(first + count <= total, string.format("%s holds %d requests, not %d", path, total, first + count))
   local per = math.floor(count / nthreads)
   local start = first + id * per
   local prefix = "POST " .. target .. " HTTP/1.1\r\nHost: " .. host
      .. "\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: "
   file:seek("set", (start + 1) * width)
   for i = 1, per do
      local record = file:read(width)
      local signature, body = record:match("^(%S+) (%S+)")
      prepared[i] = prefix .. signature .. "\r\nContent-Length: " .. #body .. "\r\n\r\n" .. body
   end
   file:close()
   prepared_count = per
end

function request()
   index = index + 1
   if index > prepared_count then
      index = 1
      wrapped = wrapped + 1
   end
   sent = sent + 1
   return prepared[index]
end

function done(summary, latency, requests)
   local sent_total, wrapped_total = 0, 0
   for _, thread in ipairs(threads) do
      sent_total = sent_total + thread:get("sent")
      wrapped_total = wrapped_total + thread:get("wrapped")
   end
   local e = summary.errors
   -- One machine-readable line for bench/wrk/run; the rest of wrk's output is for people.
   io.write(string.format("wrk-row requests=%d sent=%d errors=%d status=%d wrapped=%d duration_us=%d\n",
      summary.requests, sent_total, e.connect + e.read + e.write + e.timeout, e.status, wrapped_total,
      summary.duration))
end
