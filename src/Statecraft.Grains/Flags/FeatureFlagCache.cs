using Microsoft.Extensions.Options;
using Statecraft.Abstractions.Flags;

namespace Statecraft.Grains.Flags;

/// <summary>
/// This silo's copy of the cluster's flags. Game grains read it on every command, so it is a plain field read; the
/// refresher replaces it when the flag grain's revision moves.
/// </summary>
public sealed class FeatureFlagCache(IOptions<FeatureFlagOptions> options)
{
    private volatile FlagSnapshot _current = options.Value.DefaultSnapshot();

    /// <summary>The cached snapshot.</summary>
    public FlagSnapshot Current => _current;

    /// <summary>True once a snapshot from the flag grain has been loaded (readiness).</summary>
    public bool IsLoaded { get; private set; }

    /// <summary>Whether <paramref name="flag"/> is on for <paramref name="gameId"/>.</summary>
    public bool IsEnabled(string flag, string? gameId = null) => _current.IsEnabled(flag, gameId);

    /// <summary>Replaces the cached snapshot when <paramref name="snapshot"/> is newer; true when it was.</summary>
    public bool Update(FlagSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var first = !IsLoaded;
        IsLoaded = true;
        if (!first && snapshot.Revision <= _current.Revision)
        {
            return false;
        }

        _current = snapshot;
        return true;
    }
}
