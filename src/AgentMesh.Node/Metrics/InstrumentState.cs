using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace AgentMesh.Node.Metrics;

/// <summary>What the exporter keeps for one instrument: its Prometheus identity and its series by label set.</summary>
internal sealed class InstrumentState
{
    /// <summary>Seconds-scale bounds (Prometheus client defaults) for instruments measured in seconds.</summary>
    private static readonly double[] SecondsBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>OpenTelemetry's default explicit bounds, for everything else.</summary>
    private static readonly double[] DefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly ConcurrentDictionary<string, MetricSeries> _series = new(StringComparer.Ordinal);
    private readonly KeyValuePair<string, object?>[] _instrumentTags;

    private InstrumentState(Instrument instrument, InstrumentKind kind, IReadOnlyList<double>? bounds)
    {
        Instrument = instrument;
        Kind = kind;
        Bounds = bounds;
        IsCounter = kind is InstrumentKind.Sum or InstrumentKind.ObservedTotal;
        Name = PrometheusText.MetricName(instrument.Name, instrument.Unit, IsCounter);
        Help = instrument.Description is { Length: > 0 } description ? description : instrument.Name;
        TypeName = kind switch
        {
            InstrumentKind.Histogram => "histogram",
            _ when IsCounter => "counter",
            _ => "gauge",
        };
        _instrumentTags = instrument.Tags?.ToArray() ?? [];
    }

    public Instrument Instrument { get; }

    public InstrumentKind Kind { get; }

    public bool IsCounter { get; }

    /// <summary>The upper bounds of the histogram buckets, without <c>+Inf</c>; null for other kinds.</summary>
    public IReadOnlyList<double>? Bounds { get; }

    public string Name { get; }

    public string Help { get; }

    public string TypeName { get; }

    public ICollection<MetricSeries> Series => _series.Values;

    /// <summary>The state for <paramref name="instrument"/>, or null for an instrument type this exporter does not know.</summary>
    public static InstrumentState? Create(Instrument instrument)
    {
        if (!instrument.GetType().IsGenericType)
        {
            return null;
        }

        var definition = instrument.GetType().GetGenericTypeDefinition();
        InstrumentKind? kind = definition switch
        {
            _ when definition == typeof(Counter<>) => InstrumentKind.Sum,
            _ when definition == typeof(UpDownCounter<>) => InstrumentKind.UpDownSum,
            _ when definition == typeof(ObservableCounter<>) => InstrumentKind.ObservedTotal,
            _ when definition == typeof(ObservableUpDownCounter<>) => InstrumentKind.LastValue,
            _ when definition == typeof(ObservableGauge<>) => InstrumentKind.LastValue,
            _ when definition == typeof(Gauge<>) => InstrumentKind.LastValue,
            _ when definition == typeof(Histogram<>) => InstrumentKind.Histogram,
            _ => null,
        };
        if (kind is not { } known)
        {
            return null;
        }

        var bounds = known == InstrumentKind.Histogram
            ? AdvisedBounds(instrument) ?? (instrument.Unit == "s" ? SecondsBounds : DefaultBounds)
            : null;
        return new InstrumentState(instrument, known, bounds);
    }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = RenderLabels(tags);
        var series = _series.GetOrAdd(labels, static (key, bounds) => new MetricSeries(key, bounds), Bounds);
        switch (Kind)
        {
            case InstrumentKind.Sum:
            case InstrumentKind.UpDownSum:
                series.Add(value);
                break;
            case InstrumentKind.Histogram:
                series.Observe(value);
                break;
            default:
                series.Set(value);
                break;
        }
    }

    /// <summary>Forgets observed values, so that a label set an observable callback stopped reporting disappears.</summary>
    public void ClearObservations()
    {
        if (Instrument.IsObservable)
        {
            _series.Clear();
        }
    }

    private static IReadOnlyList<double>? AdvisedBounds(Instrument instrument) => instrument switch
    {
        Histogram<double> histogram => histogram.Advice?.HistogramBucketBoundaries?.ToArray(),
        Histogram<float> histogram => histogram.Advice?.HistogramBucketBoundaries?.Select(bound => (double)bound).ToArray(),
        Histogram<long> histogram => histogram.Advice?.HistogramBucketBoundaries?.Select(bound => (double)bound).ToArray(),
        Histogram<int> histogram => histogram.Advice?.HistogramBucketBoundaries?.Select(bound => (double)bound).ToArray(),
        _ => null,
    };

    private string RenderLabels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty && _instrumentTags.Length == 0)
        {
            return "";
        }

        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in _instrumentTags)
        {
            labels[PrometheusText.LabelName(key)] = PrometheusText.LabelText(value);
        }

        foreach (var (key, value) in tags)
        {
            labels[PrometheusText.LabelName(key)] = PrometheusText.LabelText(value);
        }

        var text = new StringBuilder();
        foreach (var (name, value) in labels)
        {
            text.Append(text.Length == 0 ? "" : ",").Append(name).Append("=\"").Append(PrometheusText.EscapeLabelValue(value)).Append('"');
        }

        return text.ToString();
    }
}
