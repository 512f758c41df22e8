using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Statecraft.Grains.Tests.Cluster;

/// <summary>Reaches into an in-process test silo's services.</summary>
internal static class Silos
{
    public static T Service<T>(SiloHandle silo)
        where T : notnull =>
        ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<T>();
}
