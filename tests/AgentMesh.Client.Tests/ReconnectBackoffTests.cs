namespace AgentMesh.Client.Tests;

public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan Min = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(60);

    [Fact]
    public void WithoutJitter_TheDelayDoublesFromTheMin_UntilTheMax()
    {
        var backoff = new ReconnectBackoff(Min, Max, jitter: 0, new Random(1));

        Enumerable.Range(1, 9).Select(backoff.DelayFor).Select(d => d.TotalSeconds)
            .Should().Equal(1, 2, 4, 8, 16, 32, 60, 60, 60);
    }

    [Fact]
    public void AVeryHighAttempt_StaysAtTheMax()
    {
        var backoff = new ReconnectBackoff(Min, Max, jitter: 0, new Random(1));

        backoff.DelayFor(10_000).Should().Be(Max);
        backoff.DelayFor(int.MaxValue).Should().Be(Max);
    }

    [Fact]
    public void Jitter_ShortensEachDelayByAtMostItsFraction_AndIsReproducibleFromTheSeed()
    {
        var first = new ReconnectBackoff(Min, Max, jitter: 0.2, new Random(42));
        var second = new ReconnectBackoff(Min, Max, jitter: 0.2, new Random(42));

        for (var attempt = 1; attempt <= 200; attempt++)
        {
            var exact = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(attempt - 1, 30)), 60));
            var delay = first.DelayFor(attempt);
            delay.Should().BeGreaterThanOrEqualTo(exact * 0.8).And.BeLessThanOrEqualTo(exact);
            second.DelayFor(attempt).Should().Be(delay);
        }
    }
}
