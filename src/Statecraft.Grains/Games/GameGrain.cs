using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.EventSourcing;
using Orleans.Providers;
using Polly;
using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.Engine.Core;
using Statecraft.Grains.Flags;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Policies;

namespace Statecraft.Grains.Games;

/// <summary>
/// One game. Commands are decided by the engine against the confirmed state, journaled through Orleans' custom-storage
/// log-consistency provider into <see cref="GameRepository"/>, and acknowledged once stored (or in memory only while
/// persistence is switched off). Activation recovers the game from storage; deactivation writes a final snapshot.
/// </summary>
[LogConsistencyProvider(ProviderName = ProviderName)]
public sealed partial class GameGrain : JournaledGrain<GameJournalState, GameJournalEntry>, IGameGrain, IGameGrainControl, IRemindable
{
    /// <summary>The name of the custom-storage log-consistency provider games use.</summary>
    public const string ProviderName = "GameJournal";

    private readonly GameDecider _decider;
    private readonly GameRepository _repository;
    private readonly FeatureFlagCache _flags;
    private readonly ActiveGames _activeGames;
    private readonly GameGrainOptions _options;
    private readonly PersistenceOptions _persistence;
    private readonly TimeProvider _time;
    private readonly ILogger<GameGrain> _logger;
    private readonly ResiliencePipeline _storeRetry;
    private readonly Subscribers _subscribers;

    private RecentCommandWindow _window;
    private StreamPosition _position = StreamPosition.New;
    private long _storedVersion;
    // Why this activation refuses every request: its stored history could not be rebuilt, or its id is invalid.
    private Rejection? _refusal;
    private WriteOutcome _lastWrite;
    private Exception? _lastWriteError;

    /// <summary>Creates the grain; Orleans supplies the services.</summary>
    public GameGrain(
        GameDecider decider,
        GameRepository repository,
        FeatureFlagCache flags,
        ActiveGames activeGames,
        IOptions<GameGrainOptions> options,
        IOptions<PersistenceOptions> persistence,
        TimeProvider time,
        ILogger<GameGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(persistence);
        _decider = decider;
        _repository = repository;
        _flags = flags;
        _activeGames = activeGames;
        _options = options.Value;
        _persistence = persistence.Value;
        _time = time;
        _logger = logger;
        _window = new RecentCommandWindow(_persistence.RecentCommandWindow, []);
        _subscribers = new Subscribers(time, _options.SubscriptionExpiry);
        _storeRetry = new ResiliencePipelineBuilder()
            .AddRetry(new Polly.Retry.RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, _options.StoreWriteAttempts - 1),
                Delay = TimeSpan.FromMilliseconds(25),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not (ArgumentException or OperationCanceledException or InvalidOperationException)),
            })
            .Build();
    }

    private string GameId => this.GetPrimaryKeyString();

    /// <summary>The confirmed game state (<c>State</c>); the grain never reads <c>TentativeState</c>, which Orleans deep-copies.</summary>
    private GameState Game => State.Game;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        // Load before the first command: the adaptor would otherwise read in the background while commands run.
        await RefreshNow();
        _activeGames.Touch(GameId, Game.Phase.Name);
        await ArmTimersAsync();
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _turnTimer?.Dispose();
        _activeGames.Remove(GameId);
        await WriteFinalSnapshotAsync(cancellationToken);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <inheritdoc />
    public Task<CommandResult> Create(Guid commandId, string playerId, string rulesetId, GameOptions options) =>
        ExecuteFromClientAsync(Command(commandId, playerId, new CreateGame(rulesetId, options)));

    /// <inheritdoc />
    public Task<CommandResult> Join(Guid commandId, string playerId) => ExecuteFromClientAsync(Command(commandId, playerId, new JoinGame()));

    /// <inheritdoc />
    public Task<CommandResult> Leave(Guid commandId, string playerId) => ExecuteFromClientAsync(Command(commandId, playerId, new LeaveGame()));

    /// <inheritdoc />
    public Task<CommandResult> Start(Guid commandId, string playerId) => ExecuteFromClientAsync(Command(commandId, playerId, new StartGame()));

    /// <inheritdoc />
    public Task<CommandResult> SubmitMove(Guid commandId, string playerId, Move move) => ExecuteFromClientAsync(Command(commandId, playerId, new MakeMove(move)));

    /// <inheritdoc />
    public Task<CommandResult> Abandon(Guid commandId, string playerId, string reason) => ExecuteFromClientAsync(Command(commandId, playerId, new AbandonGame(reason)));

    /// <inheritdoc />
    public Task<CommandResult> Execute(GameCommand command) =>
        command is null
            ? Task.FromResult(CommandResult.Refused(new Rejection(RejectionCode.MalformedCommand, "The command is missing."), Game.Version))
            : ExecuteFromClientAsync(command with { IssuedAt = _time.GetUtcNow() });

    /// <inheritdoc />
    public Task<ViewResult> GetView(string? playerId, long? knownVersion = null)
    {
        ThrowIfRefused(playerId);
        Touch();
        var result = knownVersion == Game.Version
            ? new ViewResult(Game.Version, null)
            : new ViewResult(Game.Version, _decider.ViewFor(Game, playerId));
        DeactivateIfNeverCreated();
        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Move>> GetLegalMoves(string playerId)
    {
        ThrowIfRefused(playerId);
        Touch();
        DeactivateIfNeverCreated();
        return Task.FromResult(_decider.LegalMoves(Game, playerId));
    }

    /// <inheritdoc />
    public Task Evict()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private GameCommand Command(Guid commandId, string playerId, GameAction action) => new(commandId, playerId, _time.GetUtcNow(), action);

    /// <summary>Reads and subscriptions have no result to carry a rejection, so bad input is a typed exception.</summary>
    private void ThrowIfRefused(string? playerId)
    {
        var rejection = _refusal is { Code: RejectionCode.InvalidGameId } invalidGame ? invalidGame
            : playerId is not null && !GameLimits.IsValidPlayerId(playerId) ? new Rejection(RejectionCode.InvalidPlayerId, GameLimits.DescribeInvalidPlayerId(playerId))
            : null;
        if (rejection is not null)
        {
            DeactivateIfNeverCreated();
            throw new GameRequestRefusedException(rejection);
        }
    }

    private void Touch() => _activeGames.Touch(GameId, Game.Phase.Name);
}
