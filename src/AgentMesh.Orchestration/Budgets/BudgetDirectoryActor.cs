using AgentMesh.Actors;
using AgentMesh.Orchestration.Budgets.Events;
using AgentMesh.Orchestration.Budgets.Messages;
using AgentMesh.Persistence;
using AgentMesh.Persistence.Eventsourcing;

namespace AgentMesh.Orchestration.Budgets;

/// <summary>
/// Every budget scope ever used (a node singleton): a scope's actor registers itself on its first
/// report or limits of each incarnation, and the directory persists the scopes it did not know.
/// <see cref="GetBudgetScopes"/> lists them with the scopes that have limits in configuration, so
/// <c>GET /api/budgets</c> shows a scope from its first token to the end of time.
/// </summary>
public sealed class BudgetDirectoryActor : PersistentActor
{
    public const string Name = "budget-directory";
    private const int SnapshotEvery = 100;

    private readonly SortedSet<string> _scopes = new(StringComparer.Ordinal);
    private readonly IReadOnlyCollection<string> _configured;
    private long _lastSnapshotSequenceNr;

    private BudgetDirectoryActor(IReadOnlyCollection<string> configured) => _configured = configured;

    public override PersistenceId PersistenceId => new(Name);

    protected override bool TrimJournalAfterSnapshot => true;

    public static Props Props(BudgetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Scopes.Keys.Select(s => s.ToString()).ToArray();
        return Actors.Props.Create(() => new BudgetDirectoryActor(configured));
    }

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: BudgetDirectorySnapshot snapshot } offer:
                _scopes.Clear();
                _scopes.UnionWith(snapshot.Scopes);
                _lastSnapshotSequenceNr = offer.SequenceNr;
                break;
            case BudgetScopeRegistered registered:
                _scopes.Add(registered.Scope);
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case RegisterBudgetScope register:
                var scope = register.Scope.ToString();
                if (!_scopes.Contains(scope))
                {
                    Persist(new BudgetScopeRegistered(scope, Context.System.TimeProvider.GetUtcNow()), e =>
                    {
                        _scopes.Add(e.Scope);
                        MaybeSnapshot();
                    });
                }

                break;
            case GetBudgetScopes:
                Sender.Tell(new BudgetScopes([.. _scopes.Union(_configured).Order(StringComparer.Ordinal)]));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void MaybeSnapshot()
    {
        if (LastSequenceNr - _lastSnapshotSequenceNr >= SnapshotEvery)
        {
            _lastSnapshotSequenceNr = LastSequenceNr;
            SaveSnapshot(new BudgetDirectorySnapshot([.. _scopes]));
        }
    }
}
