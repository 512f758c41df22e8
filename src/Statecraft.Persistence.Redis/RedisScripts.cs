namespace Statecraft.Persistence.Redis;

/// <summary>
/// The Lua scripts. Each touches only one game's keys, passed as <c>KEYS[1..3]</c> = head, events, snapshots (all in
/// one slot), so each runs atomically on one node of a cluster too. StackExchange.Redis sends them as
/// <c>EVALSHA</c> once loaded and falls back to <c>EVAL</c> by itself after a server lost its script cache.
/// </summary>
internal static class RedisScripts
{
    /// <summary>Status codes <see cref="Append"/> returns first.</summary>
    public const long Appended = 0, AlreadyApplied = 1, Conflict = 2;

    /// <summary>Fixed <see cref="Append"/> arguments before the events.</summary>
    public const int AppendFixedArguments = 10;

    /// <summary>
    /// The whole append, atomically. ARGV: expected version, batch id, new version, ruleset, phase, updatedAt,
    /// finishedAt ('' while running), TTL in ms for a finished game ('0' for none), snapshot member ('' for none),
    /// snapshots to keep after writing one ('0' to keep all), then the event members in version order. Returns {status, current version, 1 if the game needs indexing}.
    /// Nothing is written unless the stream is at the expected version.
    /// </summary>
    public const string Append = """
        local head, events, snapshots = KEYS[1], KEYS[2], KEYS[3]
        local expected = tonumber(ARGV[1])
        local stored = redis.call('HMGET', head, 'version', 'lastBatchId', 'lastBatchExpected', 'finishedAt', 'indexed')
        local current = tonumber(stored[1] or '0')
        if current ~= expected then
          if stored[2] == ARGV[2] and tonumber(stored[3]) == expected then
            return {1, current, stored[5] ~= (stored[4] or 'running') and 1 or 0}
          end
          return {2, current, 0}
        end
        if not stored[1] then
          -- A new stream: drop whatever an earlier game of this id left behind (keys of one game expire one by one).
          redis.call('DEL', events, snapshots)
        end
        local count = #ARGV - 10
        local first = 1
        while first <= count do
          -- In chunks: unpack() of a huge table would overflow the Lua stack.
          local chunk = {}
          for i = first, math.min(first + 499, count) do
            chunk[#chunk + 1] = expected + i
            chunk[#chunk + 1] = ARGV[10 + i]
          end
          redis.call('ZADD', events, unpack(chunk))
          first = first + 500
        end
        if ARGV[9] ~= '' then
          -- A catch-up snapshot may replace one at the same version: the newer bytes win.
          redis.call('ZREMRANGEBYSCORE', snapshots, ARGV[3], ARGV[3])
          redis.call('ZADD', snapshots, ARGV[3], ARGV[9])
          local keep = tonumber(ARGV[10])
          if keep > 0 then
            -- Pruning here rather than in a call of its own saves a round trip before the command is answered.
            redis.call('ZREMRANGEBYRANK', snapshots, 0, -keep - 1)
          end
        end
        redis.call('HSET', head, 'version', ARGV[3], 'ruleset', ARGV[4], 'phase', ARGV[5], 'updatedAt', ARGV[6],
          'lastBatchId', ARGV[2], 'lastBatchExpected', ARGV[1])
        local marker = 'running'
        if ARGV[7] ~= '' then
          marker = ARGV[7]
          redis.call('HSET', head, 'finishedAt', ARGV[7])
          if ARGV[8] ~= '0' then
            redis.call('PEXPIRE', head, ARGV[8])
            redis.call('PEXPIRE', events, ARGV[8])
            redis.call('PEXPIRE', snapshots, ARGV[8])
          end
        elseif stored[4] then
          -- No longer finished: no longer expiring.
          redis.call('HDEL', head, 'finishedAt')
          redis.call('PERSIST', head)
          redis.call('PERSIST', events)
          redis.call('PERSIST', snapshots)
        end
        return {0, tonumber(ARGV[3]), stored[5] ~= marker and 1 or 0}
        """;

    /// <summary>
    /// Header fields, the newest snapshot with a score below ARGV[1] ('+inf' or '(N') and every event after it, from one
    /// consistent state. Returns nil when there is no header, else {header fields, {snapshot, score} or {}, events}.
    /// </summary>
    public const string Load = """
        local header = redis.call('HMGET', KEYS[1], 'version', 'ruleset', 'phase', 'updatedAt', 'finishedAt', 'indexed')
        if not header[1] then
          return false
        end
        local snapshot = redis.call('ZREVRANGEBYSCORE', KEYS[3], ARGV[1], '-inf', 'WITHSCORES', 'LIMIT', 0, 1)
        local after = snapshot[2] or '0'
        return {header, snapshot, redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. after, '+inf')}
        """;

    /// <summary>Snapshot versions only, oldest first: the members (whole snapshots) never leave the server.</summary>
    public const string SnapshotVersions = """
        local entries = redis.call('ZRANGE', KEYS[3], 0, -1, 'WITHSCORES')
        local versions = {}
        for i = 2, #entries, 2 do
          versions[#versions + 1] = entries[i]
        end
        return versions
        """;

    /// <summary>Deletes events at or below the oldest snapshot's version; returns how many.</summary>
    public const string Compact = """
        local oldest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
        if not oldest[2] then
          return 0
        end
        return redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', oldest[2])
        """;

    /// <summary>
    /// Deletes the game's keys. With ARGV[1] non-empty, only if the header's finishedAt still equals it (retention
    /// decided on that value); returns -1 when it does not. Otherwise 1 if a header existed, else 0.
    /// </summary>
    public const string Delete = """
        if ARGV[1] ~= '' and redis.call('HGET', KEYS[1], 'finishedAt') ~= ARGV[1] then
          return -1
        end
        local existed = redis.call('EXISTS', KEYS[1])
        redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
        return existed
        """;

    /// <summary>
    /// What retention needs to decide: nil without a header, else {version, finishedAt or nil, first event version or
    /// nil, event count, {snapshot versions}}.
    /// </summary>
    public const string RetentionExtent = """
        local header = redis.call('HMGET', KEYS[1], 'version', 'finishedAt')
        if not header[1] then
          return false
        end
        local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
        local entries = redis.call('ZRANGE', KEYS[3], 0, -1, 'WITHSCORES')
        local versions = {}
        for i = 2, #entries, 2 do
          versions[#versions + 1] = entries[i]
        end
        return {header[1], header[2], first[2] or false, redis.call('ZCARD', KEYS[2]), versions}
        """;

    /// <summary>
    /// Deletes the snapshots at ARGV[4..] only if the extent retention judged is unchanged: ARGV[1] the version,
    /// ARGV[2] the event count, ARGV[3] the first event version ('-1' for none). Returns how many went, or -1.
    /// </summary>
    public const string DropSnapshots = """
        if redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] or redis.call('ZCARD', KEYS[2]) ~= tonumber(ARGV[2]) then
          return -1
        end
        local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
        if tonumber(first[2] or '-1') ~= tonumber(ARGV[3]) then
          return -1
        end
        local deleted = 0
        for i = 4, #ARGV do
          deleted = deleted + redis.call('ZREMRANGEBYSCORE', KEYS[3], ARGV[i], ARGV[i])
        end
        return deleted
        """;

    /// <summary>
    /// Records in the header that the game's index entries are written, if the header still exists and still wants
    /// exactly ARGV[1] (a delete or a finishing append may have come in between). Returns 1 when marked.
    /// </summary>
    public const string MarkIndexed = """
        if redis.call('EXISTS', KEYS[1]) == 0 then
          return 0
        end
        if (redis.call('HGET', KEYS[1], 'finishedAt') or 'running') ~= ARGV[1] then
          return 0
        end
        redis.call('HSET', KEYS[1], 'indexed', ARGV[1])
        return 1
        """;

    /// <summary>Every script, for <c>SCRIPT LOAD</c> at start.</summary>
    public static readonly string[] All = [Append, Load, SnapshotVersions, Compact, Delete, RetentionExtent, DropSnapshots, MarkIndexed];
}
