-- wrk script for benchmarks/wechat_load.py: replays a file of pre-built, pre-signed POST /wechat requests.
--
-- Usage: wrk -s wrk_cycle.lua URL -- REQUESTS_FILE
-- The file holds two lines per request: the path with its query string, then the XML body (one line).
-- Each wrk thread takes every n-th request, so threads never send the same message twice. Running past
-- the end starts over and is counted as `wrapped` (the caller treats that as invalid for a stateful
-- server: repeated MsgIds would be answered from the de-duplication table, which is cheaper).
-- Every response is checked: status, and that a 200 carries a text reply in XML (or "success").

local threads = {}
local next_id = 0

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

function init(args)
   local path_file = args[1]
   local nthreads = tonumber(args[2]) or 1
   local headers = { ["Content-Type"] = "text/xml" }
   reqs = {}
   local f = assert(io.open(path_file, "r"))
   local n = 0
   while true do
      local path = f:read("*l")
      if not path then break end
      local body = f:read("*l")
      if n % nthreads == id then
         reqs[#reqs + 1] = wrk.format("POST", path, headers, body)
      end
      n = n + 1
   end
   f:close()
   idx = 0
   issued, ok, bad_status, bad_body, success_only, wrapped = 0, 0, 0, 0, 0, 0
end

function request()
   idx = idx + 1
   if idx > #reqs then
      idx = 1
      wrapped = wrapped + 1
   end
   issued = issued + 1
   return reqs[idx]
end

local XML_TEXT = "<MsgType><![CDATA[text]]></MsgType>"

function response(status, headers, body)
   if status ~= 200 then
      bad_status = bad_status + 1
      return
   end
   ok = ok + 1
   if body == "success" then
      success_only = success_only + 1
   elseif body:sub(1, 5) ~= "<xml>" or not body:find(XML_TEXT, 1, true)
      or not body:find("<Content><![CDATA[", 1, true) or body:sub(-6) ~= "</xml>" then
      bad_body = bad_body + 1
   end
end

function done(summary, latency, requests)
   local t = { issued = 0, ok = 0, bad_status = 0, bad_body = 0, success_only = 0, wrapped = 0 }
   for _, thread in ipairs(threads) do
      for k, _ in pairs(t) do
         t[k] = t[k] + (thread:get(k) or 0)
      end
   end
   local e = summary.errors
   io.write(string.format(
      'WRKJSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, '
      .. '"issued": %d, "ok": %d, "bad_status": %d, "bad_body": %d, "success_only": %d, "wrapped": %d}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
      latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout,
      t.issued, t.ok, t.bad_status, t.bad_body, t.success_only, t.wrapped))
end
