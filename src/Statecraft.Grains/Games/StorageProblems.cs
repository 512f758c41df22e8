using Statecraft.Abstractions.Grains;
using Statecraft.Persistence.Resilience;

namespace Statecraft.Grains.Games;

/// <summary>Translates what went wrong with the store into the reason a caller is told.</summary>
internal static class StorageProblems
{
    public static StorageUnavailableReason ReasonFor(Exception? exception, bool loading = false) => exception switch
    {
        StoreCallRejectedException { Reason: StoreRejection.CircuitOpen } => StorageUnavailableReason.CircuitOpen,
        StoreCallRejectedException { Reason: StoreRejection.RecoveryQueueFull } => StorageUnavailableReason.RecoveryQueueFull,
        StoreCallRejectedException { Reason: StoreRejection.DegradedBacklogFull } => StorageUnavailableReason.DegradedBacklogFull,
        _ => loading ? StorageUnavailableReason.LoadFailed : StorageUnavailableReason.WriteFailed,
    };
}
