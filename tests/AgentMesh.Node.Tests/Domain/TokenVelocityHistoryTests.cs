using AgentMesh.Actors.TestKit;
using AgentMesh.Node.Domain;

namespace AgentMesh.Node.Tests.Domain;

public sealed class TokenVelocityHistoryTests
{
    private readonly ManualTimeProvider _time = new(ManualTimeProvider.DefaultStart);

    [Fact]
    public void Read_HasEveryBucketOfTheLastHalfHour_WithZerosWhereNothingWasReported()
    {
        var history = new TokenVelocityHistory(_time);

        var series = history.Read("gpu-box");

        series.BucketSeconds.Should().Be(10);
        series.Points.Should().HaveCount(180);
        series.Points.Should().OnlyContain(point => point.MeteredTokens == 0 && point.CachedInputTokens == 0);
        series.Points[^1].At.Should().Be(ManualTimeProvider.DefaultStart, "the last bucket is the one in progress");
        (series.Points[^1].At - series.Points[0].At).Should().Be(TimeSpan.FromSeconds(1790));
    }

    [Fact]
    public void Record_AddsUpReportsOfOneBucket_AndKeepsAgentsApart()
    {
        var history = new TokenVelocityHistory(_time);
        var now = _time.GetUtcNow();

        history.Record("gpu-box", now.AddSeconds(1), 100, 50, 10);
        history.Record("gpu-box", now.AddSeconds(9), 200, 0, 20);
        history.Record("gpu-box", now.AddSeconds(-5), 7, 0, 0);
        history.Record("mac-mini", now.AddSeconds(2), 1000, 0, 0);
        _time.Advance(TimeSpan.FromSeconds(9));

        var points = history.Read("gpu-box").Points;
        points[^1].Should().Be(new TokenVelocityPoint(now, 300, 50, 30));
        points[^1].MeteredTokens.Should().Be(330);
        points[^2].Should().Be(new TokenVelocityPoint(now.AddSeconds(-10), 7, 0, 0));
        history.Read("mac-mini").Points[^1].InputTokens.Should().Be(1000);
    }

    [Fact]
    public void Read_ForgetsBucketsOlderThanTheSpan_AndRecordIgnoresReportsThatOld()
    {
        var history = new TokenVelocityHistory(_time);
        var start = _time.GetUtcNow();
        history.Record("gpu-box", start, 100, 0, 0);

        _time.Advance(TimeSpan.FromMinutes(30));
        history.Record("gpu-box", _time.GetUtcNow(), 5, 0, 0); // reuses the ring slot of the first bucket
        history.Record("gpu-box", start, 999, 0, 0); // older than the span: ignored

        var points = history.Read("gpu-box").Points;
        points.Should().HaveCount(180);
        points[0].At.Should().Be(start.AddSeconds(10));
        points.Sum(point => point.InputTokens).Should().Be(5);
        points[^1].InputTokens.Should().Be(5);
    }
}
