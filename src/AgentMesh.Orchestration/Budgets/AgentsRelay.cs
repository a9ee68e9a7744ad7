using AgentMesh.Actors;

namespace AgentMesh.Orchestration.Budgets;

/// <summary>
/// Stands in for the agents' region until it exists: budgets start first (the agents' environment
/// needs the budgets region), so they are given this relay, and <see cref="BudgetAccounting.BindAgents"/>
/// binds it. Messages told before are kept (up to <see cref="Capacity"/>, then the oldest go to dead
/// letters) and forwarded on binding, with their senders, in order; later ones are forwarded at once.
/// </summary>
internal sealed class AgentsRelay : Actor
{
    public const string Name = "budget-agents-relay";
    public const int Capacity = 10_000;

    private readonly Queue<(object Message, IActorRef Sender)> _waiting = new();
    private IActorRef? _target;

    protected override void OnReceive(object message)
    {
        if (message is Bind bind)
        {
            _target = bind.Target;
            while (_waiting.TryDequeue(out var waiting))
            {
                _target.Tell(waiting.Message, waiting.Sender);
            }

            return;
        }

        if (_target is not null)
        {
            _target.Tell(message, Sender);
            return;
        }

        _waiting.Enqueue((message, Sender));
        if (_waiting.Count > Capacity)
        {
            var (dropped, sender) = _waiting.Dequeue();
            BudgetsLog.RelayBufferFull(Log, Capacity, dropped.GetType().Name);
            Context.System.DeadLetters.Tell(new DeadLetter(dropped, sender, Self));
        }
    }

    public sealed record Bind(IActorRef Target);
}
