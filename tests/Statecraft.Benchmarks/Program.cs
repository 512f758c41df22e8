using BenchmarkDotNet.Running;
using Statecraft.Benchmarks.Storage;

// Harnesses that measure growth over one long run are plain programs; micro-benchmarks go through BenchmarkDotNet.
return args switch
{
    ["store-growth", .. var rest] => await StoreGrowth.RunAsync(rest),
    ["codec-sizes", ..] => CodecSizes.Run(),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
