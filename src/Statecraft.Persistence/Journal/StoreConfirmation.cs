namespace Statecraft.Persistence.Journal;

/// <summary>What <see cref="GameSession.ConfirmAsync"/> found out about the session's state against the store.</summary>
public enum StoreConfirmation
{
    /// <summary>Storage holds exactly the version this session last stored.</summary>
    Current,

    /// <summary>Another writer has moved the game on: the session's state is stale.</summary>
    Stale,

    /// <summary>The store could not say (it is out, or the session holds changes only memory has).</summary>
    Unconfirmed,
}
