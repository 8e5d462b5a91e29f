using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace WebGen.Orleans;

/// <summary>Places a grain keyed by a silo's address on that silo.</summary>
[GenerateSerializer]
internal sealed class SiloPinnedPlacement : PlacementStrategy
{
    internal static SiloPinnedPlacement Instance { get; } = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class SiloPinnedPlacementAttribute() : PlacementAttribute(SiloPinnedPlacement.Instance);

internal sealed class SiloPinnedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString();
        return Task.FromResult(context.GetCompatibleSilos(target).FirstOrDefault(s => s.ToParsableString() == key)
            ?? throw new InvalidOperationException($"Silo {key} is not an active WebGen worker."));
    }
}

/// <summary>
/// Places an episode on the silo whose slot the client reserved (the address travels in the request context under
/// <see cref="HintKey"/>); without one, on any compatible silo, where the episode starts only if a slot is free.
/// </summary>
[GenerateSerializer]
internal sealed class EpisodeSlotPlacement : PlacementStrategy
{
    internal const string HintKey = "webgen.slot-silo";

    internal static EpisodeSlotPlacement Instance { get; } = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class EpisodeSlotPlacementAttribute() : PlacementAttribute(EpisodeSlotPlacement.Instance);

internal sealed class EpisodeSlotPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (silos.Length == 0)
        {
            throw new InvalidOperationException("No WebGen worker silo is active.");
        }

        var hint = target.RequestContextData is { } data && data.TryGetValue(EpisodeSlotPlacement.HintKey, out var value) ? value as string : null;
        return Task.FromResult(silos.FirstOrDefault(s => s.ToParsableString() == hint)
            ?? (silos.Contains(context.LocalSilo) ? context.LocalSilo : silos[Random.Shared.Next(silos.Length)]));
    }
}
