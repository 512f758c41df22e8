using BenchmarkDotNet.Running;
using Statecraft.Benchmarks.Peers;
using Statecraft.Benchmarks.Recovery;
using Statecraft.Benchmarks.Storage;

// Harnesses that measure growth over one long run are plain programs; micro-benchmarks go through BenchmarkDotNet.
return args switch
{
    ["store-growth", .. var rest] => await StoreGrowth.RunAsync(rest),
    ["codec-sizes", ..] => CodecSizes.Run(),
    ["store-footprint", .. var footprint] => await StoreFootprint.RunAsync(footprint),
    ["peers", .. var peers] => await GrainPeers.RunAsync(peers),
    ["recovery-storm", .. var storm] => await RecoveryStorm.RunAsync(storm),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
