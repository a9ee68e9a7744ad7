using AgentMesh.Actors;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Cli.Simulation;

/// <summary>
/// The state of one simulated agent process: its link, its open sessions (with the conversation
/// tokens each holds), its model calls in progress, and what it has been handed and nudged about.
/// Only the simulation's thread touches it.
/// </summary>
internal sealed class SimulatedAgent
{
    public SimulatedAgent(ScenarioAgent spec, string model, IActorRef link, bool polls)
    {
        Spec = spec;
        Id = new AgentId(spec.Id);
        Incarnation = new Incarnation(spec.Id + "-process-1");
        Link = link;
        Polls = polls;
        var slash = model.IndexOf('/', StringComparison.Ordinal);
        Provider = model[..slash];
        Model = model[(slash + 1)..];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (polls)
        {
            labels["delivery"] = "poll";
        }

        if (spec.Rooms.Count > 0)
        {
            labels["rooms"] = string.Join(',', spec.Rooms);
        }

        Labels = labels;
    }

    public ScenarioAgent Spec { get; }

    public AgentId Id { get; }

    /// <summary>One process for the whole run: reconnects keep the incarnation.</summary>
    public Incarnation Incarnation { get; }

    public IActorRef Link { get; }

    public bool Polls { get; }

    public string Provider { get; }

    public string Model { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public bool LinkUp { get; set; }

    /// <summary>Has said hello at least once (the node knows it).</summary>
    public bool Known { get; set; }

    public bool Suspended { get; set; }

    /// <summary>Open sessions: session id → tokens of conversation it holds beyond the context.</summary>
    public Dictionary<string, long> Sessions { get; } = new(StringComparer.Ordinal);

    public List<SimulatedTurn> Turns { get; } = [];

    public long HighestDelivered { get; set; }

    /// <summary>The highest id a nudge announced.</summary>
    public long PendingUpTo { get; set; }

    public void Cancel(Func<SimulatedTurn, bool> which)
    {
        foreach (var turn in Turns.Where(which).ToList())
        {
            turn.Cancelled = true;
            Turns.Remove(turn);
        }
    }
}
