using AgentMesh.Actors;
using AgentMesh.Actors.Supervision;

namespace AgentMesh.Cluster.Sharding;

/// <summary>The single-node region: every entity is its child.</summary>
internal sealed class ShardRegionActor(ShardRegionOptions options) : Actor
{
    private const string IdleCheckTimer = "idle-check";

    private readonly Dictionary<string, EntitySlot> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _idsByRef = [];

    protected override SupervisorStrategy SupervisorStrategy() =>
        // A failing entity is stopped and started again (with backoff) on its next message, so its
        // state is rebuilt from its journal rather than carried over from a failed instance.
        Actors.Supervision.SupervisorStrategy.StoppingStrategy;

    protected override void PreStart()
    {
        if (options.PassivateIdleAfter is { } idle)
        {
            var interval = idle / 4 > TimeSpan.FromSeconds(1) ? idle / 4 : TimeSpan.FromSeconds(1);
            Context.Timers.StartPeriodicTimer(IdleCheckTimer, CheckIdle.Instance, interval);
        }
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ShardEnvelope envelope:
                Deliver(envelope.EntityId, envelope.Message);
                break;
            case IEntityMessage entityMessage:
                Deliver(entityMessage.EntityId, message);
                break;
            case Passivate passivate:
                if (_idsByRef.TryGetValue(Sender, out var passivating))
                {
                    BeginPassivation(passivating, passivate.StopMessage);
                }

                break;
            case Terminated terminated:
                OnEntityTerminated(terminated.Actor);
                break;
            case RestartEntity restart:
                if (_entities.TryGetValue(restart.EntityId, out var waiting) && waiting.State == SlotState.WaitingToRestart)
                {
                    StartEntity(restart.EntityId, waiting);
                }

                break;
            case CheckIdle:
                PassivateIdleEntities();
                break;
            case GetShardRegionState:
                Sender.Tell(new ShardRegionState(
                    options.TypeName,
                    [.. _entities.Where(e => e.Value.State == SlotState.Running).Select(e => e.Key).Order(StringComparer.Ordinal)],
                    _entities.Where(e => e.Value.Buffer is { Count: > 0 }).ToDictionary(e => e.Key, e => e.Value.Buffer!.Count)));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Deliver(string entityId, object message)
    {
        if (string.IsNullOrEmpty(entityId))
        {
            Context.System.DeadLetters.Tell(new DeadLetter(message, Sender, Self));
            return;
        }

        if (!_entities.TryGetValue(entityId, out var slot))
        {
            slot = new EntitySlot();
            _entities.Add(entityId, slot);
            StartEntity(entityId, slot);
        }

        if (slot.State == SlotState.Running)
        {
            slot.LastActivity = Context.System.TimeProvider.GetTimestamp();
            slot.Ref!.Tell(message, Sender); // Running implies a ref.
            return;
        }

        var buffer = slot.Buffer ??= new Queue<(object, IActorRef)>();
        if (buffer.Count >= options.MaxBufferPerEntity)
        {
            Context.System.DeadLetters.Tell(new DeadLetter(message, Sender, Self));
            return;
        }

        buffer.Enqueue((message, Sender));
    }

    private void StartEntity(string entityId, EntitySlot slot)
    {
        var entity = Context.Spawn(options.EntityProps(entityId), ShardRegion.EntityName(entityId));
        Context.Watch(entity);
        _idsByRef[entity] = entityId;
        slot.Ref = entity;
        slot.State = SlotState.Running;
        slot.StartedAt = slot.LastActivity = Context.System.TimeProvider.GetTimestamp();
        while (slot.Buffer is { Count: > 0 } buffer)
        {
            var (message, sender) = buffer.Dequeue();
            entity.Tell(message, sender);
        }
    }

    private void BeginPassivation(string entityId, object stopMessage)
    {
        if (_entities.TryGetValue(entityId, out var slot) && slot.State == SlotState.Running)
        {
            slot.State = SlotState.Passivating;
            slot.Ref!.Tell(stopMessage, Self); // Running implies a ref.
        }
    }

    private void OnEntityTerminated(IActorRef entity)
    {
        if (!_idsByRef.Remove(entity, out var entityId) || !_entities.TryGetValue(entityId, out var slot))
        {
            return;
        }

        slot.Ref = null;
        if (slot.State == SlotState.Passivating)
        {
            if (slot.Buffer is { Count: > 0 })
            {
                StartEntity(entityId, slot);
            }
            else
            {
                _entities.Remove(entityId);
            }

            return;
        }

        // Crashed or stopped itself: start it again after a backoff that grows while it keeps dying
        // soon after starting, so a poisoned entity costs a recovery every few seconds, not a tight loop.
        var ranFor = Context.System.TimeProvider.GetElapsedTime(slot.StartedAt);
        slot.ConsecutiveCrashes = ranFor >= options.RestartBackoffResetAfter ? 1 : slot.ConsecutiveCrashes + 1;
        slot.State = SlotState.WaitingToRestart;
        ScheduleRestart(entityId, slot);
    }

    private void ScheduleRestart(string entityId, EntitySlot slot)
    {
        var exponent = Math.Min(slot.ConsecutiveCrashes - 1, 20);
        var delay = TimeSpan.FromTicks(Math.Min(
            options.MaxRestartBackoff.Ticks,
            options.MinRestartBackoff.Ticks * (1L << exponent)));
        Context.Timers.StartSingleTimer(("restart", entityId), new RestartEntity(entityId), delay);
    }

    private void PassivateIdleEntities()
    {
        if (options.PassivateIdleAfter is not { } idle)
        {
            return;
        }

        var clock = Context.System.TimeProvider;
        var now = clock.GetTimestamp();
        foreach (var (entityId, slot) in _entities)
        {
            if (slot.State == SlotState.Running && clock.GetElapsedTime(slot.LastActivity, now) >= idle)
            {
                BeginPassivation(entityId, options.StopMessage);
            }
        }
    }

    private enum SlotState
    {
        Running,
        Passivating,
        WaitingToRestart,
    }

    private sealed class EntitySlot
    {
        public IActorRef? Ref { get; set; }

        public SlotState State { get; set; }

        public long StartedAt { get; set; }

        public long LastActivity { get; set; }

        public int ConsecutiveCrashes { get; set; }

        public Queue<(object Message, IActorRef Sender)>? Buffer { get; set; }
    }

    private sealed record RestartEntity(string EntityId);

    private sealed record CheckIdle
    {
        public static readonly CheckIdle Instance = new();
    }
}
