using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace AgentMesh.Node.Metrics;

/// <summary>
/// Listens to the instruments of selected meters and renders what they measured in the Prometheus
/// text exposition format 0.0.4: counters (<c>_total</c>), up-down counters and gauges (gauges),
/// observable instruments (observed on every scrape) and histograms (cumulative <c>_bucket</c> with
/// <c>+Inf</c>, <c>_sum</c>, <c>_count</c>). Families are sorted by name and series by labels, so
/// the output is stable.
/// </summary>
/// <remarks>
/// Histogram buckets come from the instrument's advice (<see cref="InstrumentAdvice{T}.HistogramBucketBoundaries"/>),
/// else seconds-scale bounds for unit <c>s</c>, else OpenTelemetry's defaults. Two instruments
/// that map to one metric name are merged when of the same type; a later one of another type is left out.
/// </remarks>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>The content type of <see cref="Render"/>'s output.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _instruments = new();
    private readonly Lock _renderLock = new();

    /// <param name="includeMeter">Which meters to export; decided once per instrument when it is published.</param>
    public PrometheusExporter(Func<Meter, bool> includeMeter)
    {
        ArgumentNullException.ThrowIfNull(includeMeter);
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (includeMeter(instrument.Meter) && InstrumentState.Create(instrument) is { } state)
                {
                    _instruments[instrument] = state;
                    listener.EnableMeasurementEvents(instrument, state);
                }
            },
            MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out InstrumentState? _),
        };
        _listener.SetMeasurementEventCallback<byte>((_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>((_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>((_, value, tags, state) => ((InstrumentState)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>
    /// The node's exporter: meters named <c>AgentMesh*</c> that are process-wide (no scope) or were
    /// created by this host's <paramref name="meterFactory"/>, not another host's in the same process.
    /// </summary>
    public static PrometheusExporter ForNode(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        return new PrometheusExporter(meter =>
            meter.Name.StartsWith("AgentMesh", StringComparison.Ordinal) && (meter.Scope is null || ReferenceEquals(meter.Scope, meterFactory)));
    }

    /// <summary>Observes the observable instruments, then renders every family.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        lock (_renderLock)
        {
            foreach (var state in _instruments.Values)
            {
                state.ClearObservations();
            }

            _listener.RecordObservableInstruments();
            foreach (var family in _instruments.Values.GroupBy(state => state.Name, StringComparer.Ordinal).OrderBy(group => group.Key, StringComparer.Ordinal))
            {
                WriteFamily(text, [.. family.OrderBy(state => state.Instrument.Meter.Name, StringComparer.Ordinal)]);
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private static void WriteFamily(StringBuilder text, IReadOnlyList<InstrumentState> states)
    {
        var first = states[0];
        var series = states.Where(state => state.TypeName == first.TypeName)
            .SelectMany(state => state.Series.Select(one => (State: state, Series: one)))
            .OrderBy(pair => pair.Series.Labels, StringComparer.Ordinal)
            .ToList();
        text.Append("# HELP ").Append(first.Name).Append(' ').Append(PrometheusText.EscapeHelp(first.Help)).Append('\n');
        text.Append("# TYPE ").Append(first.Name).Append(' ').Append(first.TypeName).Append('\n');
        foreach (var (state, one) in series)
        {
            if (state.Kind == InstrumentKind.Histogram)
            {
                WriteHistogram(text, state, one);
            }
            else
            {
                WriteSample(text, first.Name, one.Labels, one.Value());
            }
        }
    }

    private static void WriteHistogram(StringBuilder text, InstrumentState state, MetricSeries series)
    {
        var (cumulative, sum, count) = series.Histogram();
        var bounds = state.Bounds ?? [];
        var separator = series.Labels.Length == 0 ? "" : ",";
        for (var i = 0; i < cumulative.Length; i++)
        {
            var bound = i < bounds.Count ? PrometheusText.Number(bounds[i]) : "+Inf";
            WriteSample(text, state.Name + "_bucket", $"{series.Labels}{separator}le=\"{bound}\"", cumulative[i]);
        }

        WriteSample(text, state.Name + "_sum", series.Labels, sum);
        WriteSample(text, state.Name + "_count", series.Labels, count);
    }

    private static void WriteSample(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(PrometheusText.Number(value)).Append('\n');
    }
}
