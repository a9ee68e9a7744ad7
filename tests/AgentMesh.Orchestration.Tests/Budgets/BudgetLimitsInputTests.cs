using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Tests.Budgets;

/// <summary>Limits as an operator writes them: every bad field named at once, and the options that hold them.</summary>
public sealed class BudgetLimitsInputTests
{
    [Fact]
    public void TryBuild_NamesEveryBadField_InOneAnswer()
    {
        var input = new BudgetLimitsInput
        {
            TokensPerDay = 0,
            CostPerMonthUsd = -5m,
            VelocitySpan = TimeSpan.FromSeconds(30),
            SoftFraction = 1.5m,
        };

        input.TryBuild(out var limits, out var problems).Should().BeFalse();

        limits.Should().BeNull();
        problems.Should().Equal(
            new BudgetLimitProblem("tokensPerDay", "tokensPerDay must be positive, or left out for no limit; got 0."),
            new BudgetLimitProblem("costPerMonthUsd", "costPerMonthUsd must be positive, or left out for no limit; got -5."),
            new BudgetLimitProblem("velocitySpan", "velocitySpan must be between 00:01:00 and 01:00:00; got 00:00:30."),
            new BudgetLimitProblem("softFraction", "softFraction must be above 0 and at most 1; got 1.5."));
    }

    [Fact]
    public void TryBuild_RefusesADailyCostAboveTheMonthlyOne()
    {
        new BudgetLimitsInput { CostPerDayUsd = 100m, CostPerMonthUsd = 50m }.TryBuild(out _, out var problems).Should().BeFalse();

        problems.Should().ContainSingle().Which.Field.Should().Be("costPerDayUsd");
    }

    [Fact]
    public void TryBuild_GivesTheLimits_WithDefaultsForWhatIsLeftOut()
    {
        new BudgetLimitsInput { TokensPerMinute = 100_000, SpawnsPerHour = 5 }.TryBuild(out var limits, out var problems).Should().BeTrue();

        problems.Should().BeEmpty();
        limits.Should().Be(new BudgetLimits { TokensPerMinute = 100_000, SpawnsPerHour = 5 });
        limits!.VelocitySpan.Should().Be(TimeSpan.FromMinutes(5));
        limits.SoftFraction.Should().Be(0.8m);
        BudgetLimitsInput.From(BudgetLimits.AgentDefault).TryBuild(out var roundTrip, out _).Should().BeTrue();
        roundTrip.Should().Be(BudgetLimits.AgentDefault);
    }

    [Fact]
    public void Options_RefuseInconsistentLimits_NamingTheScope()
    {
        var bad = new BudgetLimits { TokensPerDay = 10, TokensPerMonth = 5 };

        var scopes = () => new BudgetOptions { Scopes = new Dictionary<BudgetScope, BudgetLimits> { [new BudgetScope("agent:gpu-box")] = bad } };
        var defaults = () => new BudgetOptions { Defaults = new Dictionary<BudgetScopeKind, BudgetLimits> { [BudgetScopeKind.Node] = bad } };

        scopes.Should().Throw<ArgumentException>().WithMessage("The limits of agent:gpu-box are invalid: tokensPerDay (10) is above tokensPerMonth (5)*").And.ParamName.Should().Be("Scopes");
        defaults.Should().Throw<ArgumentException>().WithMessage("The default limits of node scopes are invalid*");
    }

    [Fact]
    public void Options_PersistInterval_IsAtMostOneSecond()
    {
        var tooLong = () => new BudgetOptions { PersistInterval = TimeSpan.FromSeconds(2) };
        var zero = () => new BudgetOptions { PersistInterval = TimeSpan.Zero };

        tooLong.Should().Throw<ArgumentOutOfRangeException>().And.ParamName.Should().Be("PersistInterval");
        zero.Should().Throw<ArgumentOutOfRangeException>();
        new BudgetOptions().PersistInterval.Should().Be(TimeSpan.FromSeconds(1));
    }
}
