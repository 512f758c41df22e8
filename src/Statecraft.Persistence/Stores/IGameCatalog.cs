using Statecraft.Persistence.Records;

namespace Statecraft.Persistence.Stores;

/// <summary>Which games a store holds.</summary>
public interface IGameCatalog
{
    /// <summary>Game headers, at most <paramref name="pageSize"/> per page; each game exactly once across the pages.</summary>
    ValueTask<GamePage> ListGamesAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken = default);
}
