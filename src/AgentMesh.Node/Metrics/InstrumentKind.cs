namespace AgentMesh.Node.Metrics;

/// <summary>How an instrument's measurements aggregate into one Prometheus series.</summary>
internal enum InstrumentKind
{
    /// <summary>Counter: measurements are increments; exported as a Prometheus counter.</summary>
    Sum,

    /// <summary>Up-down counter: increments that may be negative; exported as a gauge.</summary>
    UpDownSum,

    /// <summary>Observable counter: each observation is the running total; exported as a counter.</summary>
    ObservedTotal,

    /// <summary>Gauges and observable up-down counters: the last value counts; exported as a gauge.</summary>
    LastValue,

    /// <summary>Histogram: bucket counts, sum and count.</summary>
    Histogram,
}
