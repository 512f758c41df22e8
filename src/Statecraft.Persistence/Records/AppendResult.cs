namespace Statecraft.Persistence.Records;

/// <summary>What an append did.</summary>
public enum AppendStatus
{
    /// <summary>The batch was written.</summary>
    Appended,

    /// <summary>The same batch had already been written at the same expected version (a retry after a lost reply); nothing was written again.</summary>
    AlreadyApplied,

    /// <summary>The stream is not at the expected version; nothing was written.</summary>
    Conflict,
}

/// <summary>The outcome of an append and the stream's version after it.</summary>
public readonly record struct AppendResult(AppendStatus Status, long CurrentVersion)
{
    /// <summary>True when the batch is durably in the store (written now or before).</summary>
    public bool IsDurable => Status is AppendStatus.Appended or AppendStatus.AlreadyApplied;

    /// <summary>A successful write.</summary>
    public static AppendResult Appended(long version) => new(AppendStatus.Appended, version);

    /// <summary>A recognised retry.</summary>
    public static AppendResult AlreadyApplied(long version) => new(AppendStatus.AlreadyApplied, version);

    /// <summary>A stale expected version.</summary>
    public static AppendResult Conflict(long actualVersion) => new(AppendStatus.Conflict, actualVersion);
}
