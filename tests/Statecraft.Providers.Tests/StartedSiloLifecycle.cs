namespace Statecraft.Providers.Tests;

/// <summary>
/// Runs the start-up steps a provider subscribes to a silo's lifecycle (Orleans' Redis storage connects there), so
/// a provider can be used outside a silo, as the contract tests do.
/// </summary>
internal sealed class StartedSiloLifecycle : ISiloLifecycle
{
    private readonly List<(int Stage, ILifecycleObserver Observer)> _observers = [];

    public int HighestCompletedStage { get; private set; }

    public int LowestStoppedStage { get; private set; } = int.MaxValue;

    /// <summary>Has <paramref name="participant"/> subscribe, then starts every stage it subscribed to, in order.</summary>
    public static void Start(object participant)
    {
        if (participant is not ILifecycleParticipant<ISiloLifecycle> lifecycleParticipant)
        {
            return;
        }

        var lifecycle = new StartedSiloLifecycle();
        lifecycleParticipant.Participate(lifecycle);
        foreach (var (stage, observer) in lifecycle._observers.OrderBy(o => o.Stage))
        {
            observer.OnStart(CancellationToken.None).GetAwaiter().GetResult();
            lifecycle.HighestCompletedStage = stage;
        }
    }

    public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
    {
        _observers.Add((stage, observer));
        return new NoopDisposable();
    }

    private sealed class NoopDisposable : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
