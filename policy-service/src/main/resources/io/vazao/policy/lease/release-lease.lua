-- Gives the lease up on shutdown, if this holder still has it, so a standby takes over at once.
-- KEYS[1] the lease; ARGV[1] this holder's id. Returns 1 when released.
local current = redis.call('GET', KEYS[1])
if current and string.match(current, '^%d+ (.+)$') == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
