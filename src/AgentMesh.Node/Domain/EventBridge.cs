using AgentMesh.Actors;
using AgentMesh.Node.Api;
using AgentMesh.Node.Events;
using AgentMesh.Orchestration.Agents.Notifications;
using AgentMesh.Orchestration.Alerts;

namespace AgentMesh.Node.Domain;

/// <summary>
/// Forwards domain notices from the event stream to the event hub, as the SSE event types of
/// <c>/api/events</c>, and usage into the <see cref="TokenVelocityHistory"/>. With nobody listening
/// (no dashboard or <c>alerts --follow</c> open) nothing is serialized: a busy inbox publishes a notice
/// per accepted message.
/// </summary>
internal sealed class EventBridge(EventHub hub, TokenVelocityHistory velocity) : Actor
{
    protected override void OnReceive(object message)
    {
        if (message is UsageRecorded recorded)
        {
            velocity.Record(recorded.AgentId, recorded.At, recorded.InputTokens, recorded.CachedInputTokens, recorded.OutputTokens);
        }

        if (hub.SubscriberCount == 0)
        {
            return;
        }

        switch (message)
        {
            case AgentStateChanged changed:
                hub.Publish("state", new { agentId = changed.AgentId, at = changed.At, from = changed.From.ToString().ToLowerInvariant(), to = changed.To.ToString().ToLowerInvariant(), why = changed.Why });
                hub.Publish("agent", new { agentId = changed.AgentId, at = changed.At, kind = changed.Kind, detail = changed.Detail });
                break;
            case UsageRecorded usage:
                hub.Publish("usage", new { agentId = usage.AgentId, at = usage.At, usage.Provider, usage.Model, usage.InputTokens, usage.CachedInputTokens, usage.OutputTokens, usage.CostUsd });
                break;
            case AgentNotice notice:
                hub.Publish("agent", new { agentId = notice.AgentId, at = notice.At, kind = notice.Kind, detail = notice.Detail });
                break;
            case AlertLogged alert:
                hub.Publish("alert", AlertsApi.ToJson(alert));
                break;
        }
    }
}
