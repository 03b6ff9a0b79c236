/** Lua for locks and leases that only their holder may renew or free (the value is the holder's random token). */
export const RENEW_IF_HOLDER = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
export const RELEASE_IF_HOLDER = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
// Renews a lease if it is still ours, or takes it again if it vanished (a Redis restart without persistence); 0 when
// another holder has it now. ARGV: the holder, the TTL in ms.
export const RENEW_OR_RETAKE = `local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] or holder == false then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
