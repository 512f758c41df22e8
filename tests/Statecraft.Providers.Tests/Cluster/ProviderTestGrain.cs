namespace Statecraft.Providers.Tests.Cluster;

public interface IProviderTestGrain : IGrainWithStringKey
{
    Task SetFlagAsync(string flag, bool enabled);

    Task<TestFlags> GetFlagsAsync();

    Task ScheduleDeadlineAsync();

    Task<bool> HasDeadlineAsync();
}

/// <summary>Uses both providers the way the game grains do: persistent state under a named provider, and a reminder.</summary>
public sealed class ProviderTestGrain(
    [PersistentState("flags", ProviderTestGrain.StorageName)] IPersistentState<TestFlags> flags) : Grain, IProviderTestGrain, IRemindable
{
    public const string StorageName = "flags";

    public const string DeadlineReminder = "deadline";

    public async Task SetFlagAsync(string flag, bool enabled)
    {
        flags.State.Enabled[flag] = enabled;
        flags.State.Revision++;
        await flags.WriteStateAsync();
    }

    public Task<TestFlags> GetFlagsAsync() => Task.FromResult(flags.State);

    // Due far in the future: the test checks that the registration survives, not that it fires.
    public Task ScheduleDeadlineAsync() =>
        this.RegisterOrUpdateReminder(DeadlineReminder, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public async Task<bool> HasDeadlineAsync() => await this.GetReminder(DeadlineReminder) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
