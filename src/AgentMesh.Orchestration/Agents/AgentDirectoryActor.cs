using System.Text.Json.Serialization;
using AgentMesh.Actors;
using AgentMesh.Persistence;
using AgentMesh.Persistence.Eventsourcing;
using AgentMesh.Persistence.Serialization;

namespace AgentMesh.Orchestration.Agents;

/// <summary>
/// The ids of every agent this node has ever known, so "list the agents" does not depend on which
/// agent actors happen to be running. Agent actors report themselves when they register.
/// </summary>
public sealed class AgentDirectoryActor : PersistentActor
{
    private readonly SortedSet<string> _agents = new(StringComparer.Ordinal);

    public override PersistenceId PersistenceId => new("agent-directory");

    public static Props Props() => Actors.Props.Create(() => new AgentDirectoryActor());

    public static EventManifestRegistry Register(EventManifestRegistry registry) =>
        registry.Register("agent-directory.listed.v1", AgentDirectoryJsonContext.Default.AgentListed);

    protected override void OnRecover(object message)
    {
        if (message is AgentListed listed)
        {
            _agents.Add(listed.AgentId);
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case AgentSeen seen when !_agents.Contains(seen.AgentId):
                Persist(new AgentListed(seen.AgentId), e => _agents.Add(e.AgentId));
                break;
            case AgentSeen:
                break;
            case ListAgents:
                Sender.Tell(new AgentList([.. _agents]));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>An agent became known (told by its actor when it registers).</summary>
    public sealed record AgentSeen(string AgentId);

    /// <summary>Asks for every known agent id; answered with <see cref="AgentList"/>.</summary>
    public sealed record ListAgents
    {
        public static readonly ListAgents Instance = new();
    }

    public sealed record AgentList(IReadOnlyList<string> AgentIds);

    public sealed record AgentListed(string AgentId);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AgentDirectoryActor.AgentListed))]
internal sealed partial class AgentDirectoryJsonContext : JsonSerializerContext;
