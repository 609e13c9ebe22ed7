namespace Provenance.Manifest.Tests.Helpers;

/// <summary>
/// Tests that bound what a check allocates. The engine allocates on worker threads (the lock and the digest cache are
/// read on other cores, shards are hashed in parallel), so the measure is the whole process's
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/>, not the test thread's; and so these tests run alone, after the
/// parallel ones, where no other test's allocations are counted. Wall-clock limits are not asserted here: times depend
/// on the machine and its load, and belong in the benchmarks (benchmarks/README.md).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasured
{
    public const string Name = "Allocation measured (runs alone)";

    /// <summary>Bytes allocated by the whole process while <paramref name="action"/> ran, and its result.</summary>
    public static (T Result, long Allocated) Measure<T>(Func<T> action)
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var result = action();
        return (result, GC.GetTotalAllocatedBytes(precise: true) - before);
    }
}
