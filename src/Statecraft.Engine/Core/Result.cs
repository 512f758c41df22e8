using System.Diagnostics.CodeAnalysis;
using Statecraft.Abstractions.Games;

namespace Statecraft.Engine.Core;

/// <summary>A value or the rejection that prevented it; lets rules report bad input without exceptions.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Rejection? rejection)
    {
        Value = value;
        Rejection = rejection;
    }

    /// <summary>The value when successful.</summary>
    public T? Value { get; }

    /// <summary>The rejection when unsuccessful.</summary>
    public Rejection? Rejection { get; }

    /// <summary>True when a value is present.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsSuccess => Rejection is null;

    /// <summary>A successful result.</summary>
    public static implicit operator Result<T>(T value) => new(value, null);

    /// <summary>A failed result.</summary>
    public static implicit operator Result<T>(Rejection rejection) => new(default, rejection);
}
