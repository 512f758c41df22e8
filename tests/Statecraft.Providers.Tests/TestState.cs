using System.Diagnostics.CodeAnalysis;

namespace Statecraft.Providers.Tests;

/// <summary>A grain's view of its stored state, as the Orleans state bridge hands it to a storage provider.</summary>
public sealed class TestState(TestFlags? state = null) : IGrainState<TestFlags>
{
    private TestFlags _state = state ?? new TestFlags();

    /// <summary>Never null here, so assertions need no null checks; a provider setting null would show as empty flags.</summary>
    [AllowNull]
    public TestFlags State
    {
        get => _state;
        set => _state = value ?? new TestFlags();
    }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
