-- Takes or renews the control loop's lease.
-- KEYS[1] the lease ("<token> <holder>"), KEYS[2] the fencing-token counter
-- ARGV[1] this holder's id, ARGV[2] time to live in ms
-- Returns this holder's fencing token, or -1 while another holds the lease.
local current = redis.call('GET', KEYS[1])
if current then
  local token, holder = string.match(current, '^(%d+) (.+)$')
  if holder == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return tonumber(token)
  end
  return -1
end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], token .. ' ' .. ARGV[1], 'PX', ARGV[2])
return token
