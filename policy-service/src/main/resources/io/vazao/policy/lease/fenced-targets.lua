-- Writes a tick's targets only for the current lease holder: a leader that was paused past its
-- lease carries an old token, and its write is refused. Each write also increments the tick
-- counter, so that readers can tell a control loop that stopped writing from one that writes the
-- same targets, and sets the generation marker in the same step: a reader never sees the marker
-- of a Redis that lost its data before the targets that go with it (it would read "target 0").
-- KEYS[1] the lease, KEYS[2] the targets hash, KEYS[3] the tick counter, KEYS[4] the generation
-- marker, KEYS[5..n+4] the per-queue detail keys
-- ARGV[1] the writer's fencing token, ARGV[2..2n+1] queue/target pairs, ARGV[2n+2..3n+1] details
-- Returns 1 when written, 0 when refused.
local current = redis.call('GET', KEYS[1])
if not current or string.match(current, '^(%d+) ') ~= ARGV[1] then
  return 0
end
local n = #KEYS - 4
local fields = {}
for i = 2, 2 * n + 1 do
  fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', KEYS[2], unpack(fields))
redis.call('INCR', KEYS[3])
redis.call('SET', KEYS[4], ARGV[1])
for i = 1, n do
  redis.call('SET', KEYS[4 + i], ARGV[2 * n + 1 + i])
end
return 1
