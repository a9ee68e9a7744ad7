namespace AgentMesh.Cli.Simulation;

/// <summary>
/// The running totals of one run (AgentMesh or the bridge), kept by the simulation's own thread:
/// sessions, model calls, tokens, and the cumulative tokens after every change for the chart.
/// </summary>
internal sealed class TokenTally
{
    private readonly List<SeriesPoint> _series = [new SeriesPoint(0, 0, 0, 0)];

    public long Sessions { get; private set; }

    public long ModelCalls { get; private set; }

    public long FailedRuns { get; private set; }

    public long InputTokens { get; private set; }

    public long CachedInputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    /// <summary>Messages handed to an agent's model: deliveries under AgentMesh, forwards and poll ticks under the bridge.</summary>
    public long Runs { get; private set; }

    public IReadOnlyList<SeriesPoint> Series => _series;

    /// <summary>A fresh session loads <paramref name="contextTokens"/> as uncached input.</summary>
    public void SessionLoaded(TimeSpan at, long contextTokens)
    {
        Sessions++;
        Spend(at, contextTokens, 0, 0);
    }

    public void Run() => Runs++;

    public void Call(TimeSpan at, long inputTokens, long cachedInputTokens, long outputTokens)
    {
        ModelCalls++;
        Spend(at, inputTokens, cachedInputTokens, outputTokens);
    }

    /// <summary>A failed run: <paramref name="calls"/> model calls (with a fallback, two) that bill nothing.</summary>
    public void Failed(int calls)
    {
        FailedRuns++;
        ModelCalls += calls;
    }

    private void Spend(TimeSpan at, long input, long cached, long output)
    {
        if (input == 0 && cached == 0 && output == 0)
        {
            return;
        }

        InputTokens += input;
        CachedInputTokens += cached;
        OutputTokens += output;
        var seconds = at.TotalSeconds;
        if (_series[^1].Seconds == seconds)
        {
            _series[^1] = new SeriesPoint(seconds, InputTokens, CachedInputTokens, OutputTokens);
        }
        else
        {
            _series.Add(new SeriesPoint(seconds, InputTokens, CachedInputTokens, OutputTokens));
        }
    }
}
