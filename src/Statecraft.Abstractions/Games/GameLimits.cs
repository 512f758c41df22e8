namespace Statecraft.Abstractions.Games;

/// <summary>
/// The sizes and shapes of input the cluster accepts, so that no client can make the journal, the store keys or a
/// silo's memory hold arbitrary amounts of text. Frontends may check them up front; the cluster refuses the rest with
/// a typed rejection and changes nothing. Documented in <c>docs/limits.md</c>.
/// </summary>
public static class GameLimits
{
    /// <summary>Longest game id accepted (it is part of every stored key; DynamoDB allows 2 KB per partition key).</summary>
    public const int MaxGameIdLength = 128;

    /// <summary>Longest player id accepted.</summary>
    public const int MaxPlayerIdLength = 64;

    /// <summary>Longest ruleset id accepted on creation.</summary>
    public const int MaxRulesetIdLength = 64;

    /// <summary>Longest move kind accepted.</summary>
    public const int MaxMoveKindLength = 32;

    /// <summary>Longest move payload accepted.</summary>
    public const int MaxMovePayloadLength = 256;

    /// <summary>Longest abandon reason accepted.</summary>
    public const int MaxReasonLength = 256;

    /// <summary>Most ruleset settings accepted on creation.</summary>
    public const int MaxSettings = 32;

    /// <summary>Longest setting key accepted.</summary>
    public const int MaxSettingKeyLength = 64;

    /// <summary>Longest setting value accepted.</summary>
    public const int MaxSettingValueLength = 256;

    /// <summary>Most live subscriptions (players and spectators) one game keeps.</summary>
    public const int MaxSubscriptionsPerGame = 128;

    /// <summary>Longest a value is echoed in a rejection message before it is cut.</summary>
    public const int MaxEchoedLength = 64;

    /// <summary>Shortest turn timeout accepted: a turn timer fires no faster than this.</summary>
    public static readonly TimeSpan MinTurnTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Longest turn timeout accepted.</summary>
    public static readonly TimeSpan MaxTurnTimeout = TimeSpan.FromDays(7);

    /// <summary>
    /// True for 1 to <see cref="MaxGameIdLength"/> characters drawn from ASCII letters, digits and <c>- _ . : @</c>:
    /// safe in every store's keys, in URLs and in log lines, and never a Redis hash-tag brace.
    /// </summary>
    public static bool IsValidGameId(string? gameId)
    {
        if (string.IsNullOrEmpty(gameId) || gameId.Length > MaxGameIdLength)
        {
            return false;
        }

        foreach (var c in gameId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True for 1 to <see cref="MaxPlayerIdLength"/> characters, not blank, with no control or format characters and
    /// no unpaired surrogates (any printable Unicode name is fine).
    /// </summary>
    public static bool IsValidPlayerId(string? playerId)
    {
        if (string.IsNullOrWhiteSpace(playerId) || playerId.Length > MaxPlayerIdLength)
        {
            return false;
        }

        for (var i = 0; i < playerId.Length; i++)
        {
            var c = playerId[i];
            if (char.IsHighSurrogate(c) && i + 1 < playerId.Length && char.IsLowSurrogate(playerId[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Why <paramref name="gameId"/> is refused, for messages (the id itself is echoed cut to size).</summary>
    public static string DescribeInvalidGameId(string? gameId) =>
        $"The game id {Echo(gameId)} is not valid: use 1 to {MaxGameIdLength} characters from letters, digits and - _ . : @.";

    /// <summary>Why <paramref name="playerId"/> is refused.</summary>
    public static string DescribeInvalidPlayerId(string? playerId) =>
        $"The player id {Echo(playerId)} is not valid: use 1 to {MaxPlayerIdLength} printable characters (no control characters), not blank.";

    /// <summary>
    /// A value as it may appear in a message: quoted, with control characters shown as <c>?</c>, and cut to
    /// <see cref="MaxEchoedLength"/> characters with its full length noted, so a huge input never comes back whole.
    /// </summary>
    public static string Echo(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        var shown = value.Length <= MaxEchoedLength ? value : value[..MaxEchoedLength];
        var clean = string.Create(shown.Length, shown, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = char.IsControl(text[i]) ? '?' : text[i];
            }
        });
        return value.Length <= MaxEchoedLength ? $"'{clean}'" : $"'{clean}…' ({value.Length} characters)";
    }
}
