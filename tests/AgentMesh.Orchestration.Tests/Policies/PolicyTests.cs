using AgentMesh.Orchestration.Ids;
using AgentMesh.Orchestration.Policies;

namespace AgentMesh.Orchestration.Tests.Policies;

public sealed class PolicyTests
{
    [Fact]
    public void AgentPolicy_Defaults_MatchTheDesign()
    {
        var policy = new AgentPolicy();

        policy.Flap.Transitions.Should().Be(4);
        policy.Flap.Window.Should().Be(TimeSpan.FromMinutes(2));
        policy.Flap.StablePeriod.Should().Be(TimeSpan.FromSeconds(60));
        policy.Dedup.Cooldown.Should().Be(TimeSpan.FromMinutes(5));
        policy.Dedup.MaxEntries.Should().Be(10_000);
        policy.Session.MaxSpawns.Should().Be(6);
        policy.Session.SpawnWindow.Should().Be(TimeSpan.FromMinutes(10));
        policy.Session.IdleTimeout.Should().Be(TimeSpan.FromMinutes(30));
        policy.Circuit.FailureThreshold.Should().Be(3);
        policy.Circuit.HalfOpenAfter.Should().BeNull();
        policy.Retry.MinDelay.Should().Be(TimeSpan.FromSeconds(1));
        policy.Retry.MaxDelay.Should().Be(TimeSpan.FromMinutes(5));
        policy.Retry.MaxRetries.Should().Be(5);
        policy.Watch.Interval.Should().Be(TimeSpan.FromMinutes(10));
        policy.Watch.AlertAfterFailures.Should().Be(3);
        policy.Watch.MaxDegradedNudgeGapTicks.Should().Be(12);
    }

    [Fact]
    public void Policies_RefuseOutOfRangeValues_NamingTheProperty()
    {
        var flap = () => new FlapPolicy { Transitions = 1 };
        var window = () => new FlapPolicy { Window = TimeSpan.Zero };
        var jitter = () => new RetryPolicy { JitterFraction = 1.5 };
        var halfOpen = () => new CircuitPolicy { HalfOpenAfter = TimeSpan.FromSeconds(-1) };

        flap.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Transitions");
        window.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Window");
        jitter.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("JitterFraction");
        halfOpen.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("HalfOpenAfter");
    }

    [Fact]
    public void AgentPolicies_For_MergesAnOverrideFieldByFieldOverTheDefaults()
    {
        var policies = new AgentPolicies
        {
            Defaults = new AgentPolicy { Flap = new FlapPolicy { Window = TimeSpan.FromMinutes(3) } },
            Overrides = new Dictionary<string, AgentPolicyOverride>
            {
                ["gpu-box"] = new()
                {
                    Flap = new FlapPolicyOverride { Transitions = 6 },
                    Circuit = new CircuitPolicyOverride { HalfOpenAfter = TimeSpan.FromMinutes(15) },
                },
            },
        };

        var gpuBox = policies.For(new AgentId("gpu-box"));
        var macMini = policies.For(new AgentId("mac-mini"));

        gpuBox.Flap.Should().Be(new FlapPolicy { Transitions = 6, Window = TimeSpan.FromMinutes(3) });
        gpuBox.Circuit.HalfOpenAfter.Should().Be(TimeSpan.FromMinutes(15));
        gpuBox.Dedup.Should().Be(new DedupPolicy());
        macMini.Should().BeSameAs(policies.Defaults);
    }

    [Fact]
    public void CircuitPolicyOverride_DisableHalfOpen_WinsOverTheDefaults()
    {
        var defaults = new CircuitPolicy { HalfOpenAfter = TimeSpan.FromMinutes(5) };

        new CircuitPolicyOverride { DisableHalfOpen = true, HalfOpenAfter = TimeSpan.FromMinutes(1) }
            .ApplyTo(defaults).HalfOpenAfter.Should().BeNull();
        new CircuitPolicyOverride().ApplyTo(defaults).Should().Be(defaults);
    }

    [Fact]
    public void AgentPolicies_Refuse_AKeyThatIsNotAnAgentId()
    {
        var create = () => new AgentPolicies
        {
            Overrides = new Dictionary<string, AgentPolicyOverride> { ["gpu box"] = new() },
        };

        create.Should().Throw<ArgumentException>()
            .WithMessage("A policy override is keyed by 'gpu box', which is not an agent id: *");
    }

    [Fact]
    public void AgentPolicies_Refuse_AnOverrideOutOfRange_AtConstruction()
    {
        var create = () => new AgentPolicies
        {
            Overrides = new Dictionary<string, AgentPolicyOverride>
            {
                ["gpu-box"] = new() { Watch = new WatchPolicyOverride { AlertAfterFailures = 0 } },
            },
        };

        create.Should().Throw<ArgumentException>()
            .WithMessage("The policy override for agent 'gpu-box' is invalid: *AlertAfterFailures*");
    }

    [Fact]
    public void WatchPolicy_MaxDegradedNudgeGapTicks_RoundsUpToWholeTicks()
    {
        new WatchPolicy { MaxDegradedNudgeInterval = TimeSpan.FromMinutes(25) }.MaxDegradedNudgeGapTicks.Should().Be(3);
        new WatchPolicy { MaxDegradedNudgeInterval = TimeSpan.FromMinutes(1) }.MaxDegradedNudgeGapTicks.Should().Be(1);
    }
}
