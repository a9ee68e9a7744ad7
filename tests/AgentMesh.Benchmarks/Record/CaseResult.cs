namespace AgentMesh.Benchmarks.Record;

/// <summary>One benchmark case as measured in a run: times are per operation (one message, one event, one report).</summary>
/// <param name="Area">The folder the suite lives in: Kernel, Persistence, Orchestration, Budgets, Link.</param>
/// <param name="Suite">The benchmark class, e.g. <c>PingPongBenchmarks</c>.</param>
/// <param name="Method">The benchmark method, e.g. <c>Actors</c>.</param>
/// <param name="Parameters">BenchmarkDotNet's display of the parameters, e.g. <c>Pairs=4</c>; empty when none.</param>
/// <param name="IsBaseline">Whether this case is its class's baseline.</param>
/// <param name="MeanNs">Mean time per operation, in nanoseconds.</param>
/// <param name="MedianNs">Median time per operation, in nanoseconds.</param>
/// <param name="AllocatedBytes">Managed bytes allocated per operation, when measured.</param>
/// <param name="BaselineMeanNs">The mean of the baseline method with the same parameters in the same run, if the class has one.</param>
public sealed record CaseResult(
    string Area,
    string Suite,
    string Method,
    string Parameters,
    bool IsBaseline,
    double MeanNs,
    double MedianNs,
    double? AllocatedBytes,
    double? BaselineMeanNs)
{
    /// <summary>How many times faster than its baseline (baseline time over this time); above 1 is better.</summary>
    public double? Ratio => BaselineMeanNs is { } baseline && MeanNs > 0 && !IsBaseline ? baseline / MeanNs : null;

    /// <summary>Operations per second at the mean.</summary>
    public double PerSecond => MeanNs > 0 ? 1e9 / MeanNs : 0;
}
