using Microsoft.Extensions.Logging.Abstractions;
using Statecraft.Engine.Core;
using Statecraft.Persistence.Codec;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Stores;

namespace Statecraft.Testing;

/// <summary>A <see cref="GameRepository"/> over a store, as a silo composes one, for tests that read or write games without a silo.</summary>
public static class Repositories
{
    /// <summary>The repository of <paramref name="store"/> with <paramref name="options"/> (the defaults when null) and <paramref name="time"/> (the system clock when null).</summary>
    public static GameRepository For(IGameStreamStore store, PersistenceOptions? options = null, TimeProvider? time = null)
    {
        options ??= new PersistenceOptions();
        time ??= TimeProvider.System;
        return new GameRepository(store, GameCodec.Default, GameDecider.Default, new SnapshotPolicy(options, time),
            Microsoft.Extensions.Options.Options.Create(options), time, NullLogger<GameRepository>.Instance);
    }
}
