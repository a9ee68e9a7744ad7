using System.Diagnostics.Metrics;
using AgentMesh.Node.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace AgentMesh.Node.Tests.Metrics;

public sealed class PrometheusExporterTests : IDisposable
{
    private readonly string _meterName = "AgentMesh.Tests." + Guid.NewGuid().ToString("N");
    private readonly Meter _meter;
    private readonly PrometheusExporter _exporter;

    public PrometheusExporterTests()
    {
        _meter = new Meter(_meterName);
        _exporter = new PrometheusExporter(meter => meter.Name == _meterName);
    }

    [Fact]
    public void Render_WritesEveryInstrumentKind_InTheTextFormat()
    {
        var requests = _meter.CreateCounter<long>("agentmesh.test.requests", "{request}", "Requests handled");
        requests.Add(2, new("route", "/api/agents"), new("status", 200));
        requests.Add(3, new("status", 200), new("route", "/api/agents"));
        requests.Add(1, new("route", "/x"), new("status", 404));
        var sessions = _meter.CreateUpDownCounter<int>("agentmesh.test.sessions", null, "Active sessions");
        sessions.Add(5);
        sessions.Add(-2);
        _meter.CreateObservableGauge("agentmesh.test.queue-depth",
            () => new Measurement<double>(1.5, new KeyValuePair<string, object?>("agent", "gpu \"box\"\\\nx")), "{message}", "Queue depth");
        _meter.CreateObservableCounter("agentmesh.test.ticks", () => 42L);
        var received = _meter.CreateCounter<double>("agentmesh.test.received", "By", "Bytes received\\from agents\nper link");
        received.Add(1024.5);
        var latency = _meter.CreateHistogram("agentmesh.test.latency", "s", "Handling time", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1, 10] });
        foreach (var seconds in new[] { 0.0625, 0.5, 0.5, 20 })
        {
            latency.Record(seconds, new KeyValuePair<string, object?>("kind", "deliver"));
        }

        var text = _exporter.Render();

        text.Should().Be(
            """
            # HELP agentmesh_test_latency_seconds Handling time
            # TYPE agentmesh_test_latency_seconds histogram
            agentmesh_test_latency_seconds_bucket{kind="deliver",le="0.1"} 1
            agentmesh_test_latency_seconds_bucket{kind="deliver",le="1"} 3
            agentmesh_test_latency_seconds_bucket{kind="deliver",le="10"} 3
            agentmesh_test_latency_seconds_bucket{kind="deliver",le="+Inf"} 4
            agentmesh_test_latency_seconds_sum{kind="deliver"} 21.0625
            agentmesh_test_latency_seconds_count{kind="deliver"} 4
            # HELP agentmesh_test_queue_depth Queue depth
            # TYPE agentmesh_test_queue_depth gauge
            agentmesh_test_queue_depth{agent="gpu \"box\"\\\nx"} 1.5
            # HELP agentmesh_test_received_bytes_total Bytes received\\from agents\nper link
            # TYPE agentmesh_test_received_bytes_total counter
            agentmesh_test_received_bytes_total 1024.5
            # HELP agentmesh_test_requests_total Requests handled
            # TYPE agentmesh_test_requests_total counter
            agentmesh_test_requests_total{route="/api/agents",status="200"} 5
            agentmesh_test_requests_total{route="/x",status="404"} 1
            # HELP agentmesh_test_sessions Active sessions
            # TYPE agentmesh_test_sessions gauge
            agentmesh_test_sessions 3
            # HELP agentmesh_test_ticks_total agentmesh.test.ticks
            # TYPE agentmesh_test_ticks_total counter
            agentmesh_test_ticks_total 42

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Histogram_WithoutAdvice_UsesSecondsBoundsForSeconds_AndDefaultsOtherwise()
    {
        _meter.CreateHistogram<double>("agentmesh.test.wait", "s").Record(0.003);
        _meter.CreateHistogram<long>("agentmesh.test.size", "By").Record(7);

        var lines = _exporter.Render().Split('\n');

        lines.Where(line => line.StartsWith("agentmesh_test_wait_seconds_bucket", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf("le=", StringComparison.Ordinal) + 3)..line.IndexOf('}', StringComparison.Ordinal)])
            .Should().Equal("\"0.005\"", "\"0.01\"", "\"0.025\"", "\"0.05\"", "\"0.1\"", "\"0.25\"", "\"0.5\"", "\"1\"", "\"2.5\"", "\"5\"", "\"10\"", "\"+Inf\"");
        lines.Should().Contain("agentmesh_test_size_bytes_bucket{le=\"5\"} 0").And.Contain("agentmesh_test_size_bytes_bucket{le=\"10\"} 1")
            .And.Contain("agentmesh_test_size_bytes_bucket{le=\"10000\"} 1").And.Contain("agentmesh_test_size_bytes_bucket{le=\"+Inf\"} 1");
    }

    [Fact]
    public void ObservableSeries_ThatStopReporting_Disappear_AndDisposedMetersAreForgotten()
    {
        var report = true;
        _meter.CreateObservableGauge("agentmesh.test.links", () => report ? [new Measurement<int>(1, new KeyValuePair<string, object?>("agent", "a"))] : Array.Empty<Measurement<int>>());
        _exporter.Render().Should().Contain("agentmesh_test_links{agent=\"a\"} 1");

        report = false;
        _exporter.Render().Should().NotContain("agentmesh_test_links{");

        _meter.Dispose();
        _exporter.Render().Should().BeEmpty();
    }

    [Fact]
    public void NodeExporter_SeesItsOwnHostsMeters_NotAnotherHostsInTheSameProcess()
    {
        using var first = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var second = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var firstMetrics = new NodeMetrics(first.GetRequiredService<IMeterFactory>());
        var secondMetrics = new NodeMetrics(second.GetRequiredService<IMeterFactory>());
        using var exporter = PrometheusExporter.ForNode(first.GetRequiredService<IMeterFactory>());

        firstMetrics.AuthenticationFailed(NodeMetrics.AdminSurface);
        secondMetrics.AuthenticationFailed(NodeMetrics.AdminSurface);
        secondMetrics.AuthenticationFailed(NodeMetrics.AgentSurface);

        var text = exporter.Render();
        text.Should().Contain("agentmesh_node_auth_failures_total{surface=\"admin\"} 1\n");
        text.Should().NotContain("surface=\"agent\"");
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }
}
