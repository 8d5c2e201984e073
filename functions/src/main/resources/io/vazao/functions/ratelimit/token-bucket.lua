-- Distributed token bucket shared by every worker of one queue.
-- KEYS[1] bucket hash {tokens, ts(us)}; ARGV[1] rate (tokens/s), ARGV[2] capacity, ARGV[3] tokens wanted.
-- Returns {granted, wait_ms}: wait_ms is how long until the rest of the request could be granted.
-- The broker clock is Redis's own (TIME), so workers' clocks need not agree.
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local wanted = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = capacity
  ts = now
end
if now > ts then
  tokens = math.min(capacity, tokens + (now - ts) * rate / 1000000)
  ts = now
end
if tokens > capacity then
  tokens = capacity
end
local granted = math.floor(tokens)
if granted > wanted then
  granted = wanted
end
if granted < 0 then
  granted = 0
end
tokens = tokens - granted
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'ts', string.format('%.0f', ts))
redis.call('PEXPIRE', KEYS[1], 60000)
local wait = 0
if granted < wanted then
  local missing = math.min(wanted - granted, capacity) - tokens
  if missing > 0 then
    wait = math.ceil(missing * 1000 / rate)
  end
end
return {granted, wait}
