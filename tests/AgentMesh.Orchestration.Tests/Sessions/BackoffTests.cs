using AgentMesh.Orchestration.Policies;
using AgentMesh.Orchestration.Sessions;
using FsCheck;
using FsCheck.Fluent;

namespace AgentMesh.Orchestration.Tests.Sessions;

public sealed class BackoffTests
{
    [Fact]
    public void Backoff_WithoutJitter_DoublesFromTheMinimum_UpToMaxRetries()
    {
        var backoff = new Backoff(new RetryPolicy { JitterFraction = 0 }, new Random(1));

        var delays = Enumerable.Range(1, 5).Select(retry => backoff.TryGetDelay(retry, out var d) ? d : TimeSpan.MinValue);

        delays.Should().Equal(
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16));
        backoff.TryGetDelay(6, out _).Should().BeFalse();
    }

    [Fact]
    public void Backoff_IsCappedAtTheMaximum()
    {
        var backoff = new Backoff(
            new RetryPolicy { JitterFraction = 0, MaxDelay = TimeSpan.FromSeconds(10), MaxRetries = 100 }, new Random(1));

        backoff.TryGetDelay(5, out var fifth).Should().BeTrue();
        backoff.TryGetDelay(100, out var hundredth).Should().BeTrue();

        fifth.Should().Be(TimeSpan.FromSeconds(10));
        hundredth.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Backoff_Jitter_IsDeterministicForASeed_AndTakesOffAtMostTheFraction()
    {
        var policy = new RetryPolicy { JitterFraction = 0.2 };
        var first = new Backoff(policy, new Random(42));
        var second = new Backoff(policy, new Random(42));

        for (var retry = 1; retry <= 5; retry++)
        {
            first.TryGetDelay(retry, out var a);
            second.TryGetDelay(retry, out var b);
            var full = TimeSpan.FromSeconds(Math.Pow(2, retry - 1));

            a.Should().Be(b);
            a.Should().BeGreaterThanOrEqualTo(full * 0.8).And.BeLessThanOrEqualTo(full);
        }
    }

    [Fact]
    public void Backoff_StaysWithinMinimumAndMaximum_ForAnySeedAndRetry()
    {
        var policy = new RetryPolicy { JitterFraction = 1, MaxRetries = 60, MaxDelay = TimeSpan.FromMinutes(1) };
        var cases = Gen.Choose(0, int.MaxValue - 1).Zip(Gen.Choose(1, 60));

        Prop.ForAll(cases.ToArbitrary(), c =>
            {
                new Backoff(policy, new Random(c.Item1)).TryGetDelay(c.Item2, out var delay);
                return delay >= policy.MinDelay && delay <= policy.MaxDelay;
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Backoff_Exponential_DoesNotOverflow()
    {
        Backoff.Exponential(TimeSpan.FromSeconds(1), 2, 10_000, TimeSpan.FromHours(1)).Should().Be(TimeSpan.FromHours(1));
    }

    [Fact]
    public void Backoff_Refuses_APolicyWhoseMaximumIsBelowItsMinimum()
    {
        var create = () => new Backoff(
            new RetryPolicy { MinDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(5) }, new Random(1));

        create.Should().Throw<ArgumentException>().WithMessage("RetryPolicy.MaxDelay (00:00:05) must not be below RetryPolicy.MinDelay (00:00:10).*");
    }
}
