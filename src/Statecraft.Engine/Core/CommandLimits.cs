namespace Statecraft.Engine.Core;

/// <summary>Size limits on command fields, so a client cannot make the journal store arbitrary amounts of text.</summary>
public static class CommandLimits
{
    /// <summary>Longest player id accepted.</summary>
    public const int MaxPlayerIdLength = 64;

    /// <summary>Longest move kind accepted.</summary>
    public const int MaxMoveKindLength = 32;

    /// <summary>Longest move payload accepted.</summary>
    public const int MaxMovePayloadLength = 256;

    /// <summary>Longest abandon reason accepted.</summary>
    public const int MaxReasonLength = 256;

    /// <summary>Most ruleset settings accepted on creation.</summary>
    public const int MaxSettings = 32;

    /// <summary>Longest turn timeout accepted.</summary>
    public static readonly TimeSpan MaxTurnTimeout = TimeSpan.FromDays(7);
}
