using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Statecraft.Engine.Core;

/// <summary>
/// An immutable array with structural equality. Records that hold <see cref="ImmutableArray{T}"/> compare the
/// underlying array by reference, which would make "replayed state equals live state" unprovable; this wrapper
/// compares element by element so states and events can be compared with <c>==</c>.
/// </summary>
[CollectionBuilder(typeof(EquatableArray), nameof(EquatableArray.Create))]
[System.Text.Json.Serialization.JsonConverter(typeof(EquatableArrayJsonConverterFactory))]
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    private readonly ImmutableArray<T> _items;

    /// <summary>Wraps an immutable array.</summary>
    public EquatableArray(ImmutableArray<T> items) => _items = items;

    /// <summary>The wrapped array (never default).</summary>
    public ImmutableArray<T> AsImmutableArray() => _items.IsDefault ? [] : _items;

    /// <inheritdoc />
    public int Count => _items.IsDefault ? 0 : _items.Length;

    /// <inheritdoc />
    public T this[int index] => AsImmutableArray()[index];

    /// <summary>Returns a copy with the item at <paramref name="index"/> replaced.</summary>
    public EquatableArray<T> SetItem(int index, T item) => new(AsImmutableArray().SetItem(index, item));

    /// <summary>Returns a copy with <paramref name="item"/> appended.</summary>
    public EquatableArray<T> Add(T item) => new(AsImmutableArray().Add(item));

    /// <summary>Returns a copy with <paramref name="items"/> appended.</summary>
    public EquatableArray<T> AddRange(EquatableArray<T> items) => new(AsImmutableArray().AddRange(items.AsImmutableArray()));

    /// <summary>Returns a copy without the first occurrence of <paramref name="item"/>.</summary>
    public EquatableArray<T> Remove(T item) => new(AsImmutableArray().Remove(item));

    /// <summary>Index of <paramref name="item"/>, or -1.</summary>
    public int IndexOf(T item) => AsImmutableArray().IndexOf(item);

    /// <summary>True when <paramref name="item"/> is present.</summary>
    public bool Contains(T item) => IndexOf(item) >= 0;

    /// <inheritdoc />
    public bool Equals(EquatableArray<T> other) => AsImmutableArray().AsSpan().SequenceEqual(other.AsImmutableArray().AsSpan(), EqualityComparer<T>.Default);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in AsImmutableArray())
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>Structural equality.</summary>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <summary>Wraps an immutable array.</summary>
    public static implicit operator EquatableArray<T>(ImmutableArray<T> items) => new(items);

    /// <inheritdoc />
    public ImmutableArray<T>.Enumerator GetEnumerator() => AsImmutableArray().GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)AsImmutableArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)AsImmutableArray()).GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => $"[{string.Join(", ", AsImmutableArray())}]";
}

/// <summary>Factory methods for <see cref="EquatableArray{T}"/>, also used by collection expressions.</summary>
public static class EquatableArray
{
    /// <summary>Copies <paramref name="items"/> into a new array.</summary>
    public static EquatableArray<T> Create<T>(ReadOnlySpan<T> items) => new([.. items]);

    /// <summary>Copies <paramref name="items"/> into a new array.</summary>
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => new([.. items]);

    /// <summary>An array of <paramref name="count"/> copies of <paramref name="value"/>.</summary>
    public static EquatableArray<T> Repeat<T>(T value, int count) => new(ImmutableArray.CreateRange(Enumerable.Repeat(value, count)));
}
