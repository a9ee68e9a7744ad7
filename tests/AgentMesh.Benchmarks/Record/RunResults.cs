namespace AgentMesh.Benchmarks.Record;

/// <summary>Everything one recording run measured.</summary>
public sealed class RunResults
{
    public List<CaseResult> Cases { get; } = [];

    /// <summary>Retained bytes per idle actor and per channel-plus-loop actor (the <c>memory</c> mode); null when not run.</summary>
    public (double Actor, double ChannelLoop)? IdleMemory { get; set; }

    /// <summary>Wall time for 10,000 actors × 20 events to recover, per back end (the <c>recovery</c> mode).</summary>
    public Dictionary<string, TimeSpan> Recovery { get; } = [];

    /// <summary>Suites that failed to run, with the reason, so the page says so instead of leaving a gap.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>The case of <paramref name="suite"/>.<paramref name="method"/> whose parameters contain every one of <paramref name="parameters"/>.</summary>
    public CaseResult? Case(string suite, string method, params string[] parameters) =>
        Cases.FirstOrDefault(c => c.Suite == suite && c.Method == method && parameters.All(p => c.Parameters.Contains(p, StringComparison.Ordinal)));
}
