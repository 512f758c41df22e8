using Orleans.Serialization.Cloning;
using Statecraft.Engine.Core;

namespace Statecraft.Grains.Hosting;

/// <summary>
/// Tells Orleans' copier that the engine's types need no copying: they are immutable records. Orleans deep-copies a
/// journaled grain's view when it computes the tentative state; without this it would fail on types that carry no
/// Orleans serializer (the engine deliberately has no Orleans dependency).
/// </summary>
internal sealed class ImmutableEngineTypeCopier : IGeneralizedCopier
{
    private static readonly System.Reflection.Assembly EngineAssembly = typeof(GameState).Assembly;

    public bool IsSupportedType(Type type) => type.Assembly == EngineAssembly;

    public object? DeepCopy(object? input, CopyContext context) => input;
}
