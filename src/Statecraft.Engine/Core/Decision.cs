using Statecraft.Abstractions.Games;
using Statecraft.Engine.Events;

namespace Statecraft.Engine.Core;

/// <summary>The outcome of deciding a command: the events to record, or the reason it was refused.</summary>
public readonly record struct Decision
{
    private Decision(EquatableArray<GameEvent> events, Rejection? rejection)
    {
        Events = events;
        Rejection = rejection;
    }

    /// <summary>The events to record, in order; empty when rejected.</summary>
    public EquatableArray<GameEvent> Events { get; }

    /// <summary>Why the command was refused; null when accepted.</summary>
    public Rejection? Rejection { get; }

    /// <summary>True when the command produced events.</summary>
    public bool IsAccepted => Rejection is null;

    /// <summary>Accepts the command with the given events.</summary>
    public static Decision Accept(params ReadOnlySpan<GameEvent> events) => new([.. events], null);

    /// <summary>Refuses the command.</summary>
    public static Decision Reject(RejectionCode code, string message) => new(default, new Rejection(code, message));

    /// <summary>Refuses the command.</summary>
    public static implicit operator Decision(Rejection rejection) => new(default, rejection);
}
