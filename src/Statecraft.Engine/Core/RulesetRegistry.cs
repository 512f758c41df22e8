using System.Collections.Frozen;

namespace Statecraft.Engine.Core;

/// <summary>The rulesets a cluster knows, by id. Adding a ruleset means adding its folder and registering it here.</summary>
public sealed class RulesetRegistry
{
    private readonly FrozenDictionary<string, IRuleset> _byId;

    /// <summary>Registers <paramref name="rulesets"/>; ids must be unique.</summary>
    public RulesetRegistry(IEnumerable<IRuleset> rulesets)
    {
        ArgumentNullException.ThrowIfNull(rulesets);
        var byId = new Dictionary<string, IRuleset>(StringComparer.Ordinal);
        foreach (var ruleset in rulesets)
        {
            if (!byId.TryAdd(ruleset.Id, ruleset))
            {
                throw new ArgumentException($"Ruleset id '{ruleset.Id}' is registered twice.", nameof(rulesets));
            }
        }

        _byId = byId.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The rulesets that ship with Statecraft.</summary>
    public static RulesetRegistry Default { get; } = new([new Rulesets.TicTacToe.TicTacToeRules(), new Rulesets.OhHell.OhHellRules()]);

    /// <summary>Registered ruleset ids, sorted.</summary>
    public IReadOnlyList<string> Ids => [.. _byId.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Finds a ruleset by id.</summary>
    public bool TryGet(string? id, out IRuleset ruleset)
    {
        if (id is not null && _byId.TryGetValue(id, out var found))
        {
            ruleset = found;
            return true;
        }

        ruleset = null!;
        return false;
    }
}
