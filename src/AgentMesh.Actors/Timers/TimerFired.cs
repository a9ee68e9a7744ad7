using AgentMesh.Actors.Dispatch;

namespace AgentMesh.Actors.Timers;

/// <summary>A tick of one timer generation; made once per started timer and reused for every tick, so its identity tells a live timer from a cancelled one.</summary>
internal sealed class TimerFired(object key) : IAutoReceivedMessage
{
    public object Key { get; } = key;
}
