using System.IO.Hashing;

namespace Statecraft.Persistence.Records;

/// <summary>Derives the id of an append batch from the command ids it carries, in order.</summary>
public static class BatchId
{
    /// <summary>The same command ids in the same order always give the same batch id.</summary>
    public static Guid From(IEnumerable<Guid> commandIds)
    {
        ArgumentNullException.ThrowIfNull(commandIds);
        var hash = new XxHash128();
        Span<byte> buffer = stackalloc byte[16];
        foreach (var id in commandIds)
        {
            id.TryWriteBytes(buffer);
            hash.Append(buffer);
        }

        hash.GetCurrentHash(buffer);
        return new Guid(buffer);
    }
}
