using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Budgets.Events;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Persistence;
using AgentMesh.Persistence.Serialization;
using static AgentMesh.Orchestration.Tests.TestTime;

namespace AgentMesh.Orchestration.Tests.Budgets;

/// <summary>The budgets' and alerts' stored contracts: manifests, and every event and snapshot through JSON and back.</summary>
public sealed class BudgetJournalTests
{
    private static readonly EventSerializer Serializer = new(AlertJournal.Register(BudgetJournal.Register(new EventManifestRegistry())));
    private static readonly PersistenceId Id = new("budget-test");

    [Fact]
    public void Events_RoundTripThroughTheirManifests()
    {
        var limits = new BudgetLimits { TokensPerDay = 1_000, CostPerMonthUsd = 12.5m, VelocitySpan = TimeSpan.FromMinutes(10), SoftFraction = 0.9m };
        object[] events =
        [
            new BudgetUsageTallied([new BudgetUsageSlice(T0, new UsageTally(80_000, 0, 0, 0.24m), 1), new BudgetUsageSlice(Seconds(1.5), new UsageTally(500, 80_000, 600, 0.0375m), 0)]),
            new BudgetLimitsSet(limits, T0),
            new BudgetLimitsConfigured(BudgetLimits.AgentDefault, T0),
            new BudgetScopeRegistered("model:openai/gpt-4o", T0),
            new AlertLogged(7, T0, AlertSeverity.Critical, "global", "budget-hard-limit", "over", new Dictionary<string, decimal> { ["value"] = 1.5m }),
        ];

        foreach (var @event in events)
        {
            var stored = Serializer.Serialize(@event);
            var back = Serializer.Deserialize(Id, 1, stored.Manifest, stored.Payload);
            back.Should().BeEquivalentTo(@event, o => o.RespectingRuntimeTypes());
        }

        Serializer.Serialize(events[0]).Manifest.Should().Be("budget.usage-tallied.v1");
        Serializer.Serialize(events[4]).Manifest.Should().Be("alert.logged.v1");
        System.Text.Encoding.UTF8.GetString(Serializer.Serialize(events[4]).Payload).Should().Contain("\"severity\":\"critical\"");
    }

    [Fact]
    public void BudgetSnapshot_RoundTrips_AndTheRestoredLedgerContinuesLikeTheOriginal()
    {
        var ledger = new BudgetLedger(BudgetScope.ForAgent(new AgentId("gpu-box")), BudgetLimits.AgentDefault);
        ledger.RecordSpawn(80_000, T0);
        ledger.Record(new UsageTally(1_000_000, 0, 0, 0m), Seconds(30));
        var stored = Serializer.Serialize(new BudgetSnapshot(ledger.ToSnapshot(), LimitsSetAtRuntime: true));

        var back = (BudgetSnapshot)Serializer.Deserialize(Id, 1, stored.Manifest, stored.Payload);
        var restored = BudgetLedger.Restore(back.Ledger);

        back.LimitsSetAtRuntime.Should().BeTrue();
        restored.Spend(Seconds(60)).Should().BeEquivalentTo(ledger.Spend(Seconds(60)));
        restored.Record(new UsageTally(500_000, 0, 0, 0m), Seconds(61)).Should().BeEquivalentTo(ledger.Record(new UsageTally(500_000, 0, 0, 0m), Seconds(61)));
    }
}
