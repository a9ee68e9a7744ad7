using System.Text.Json;
using AgentMesh.Cli.Rendering;

namespace AgentMesh.Cli.Demo;

/// <summary>The demo's figures at one instant; see <see cref="DemoScoreboard"/>.</summary>
/// <param name="Reconnects">Times the newcomer's link came back (same incarnation).</param>
/// <param name="PayloadsSent">Onboarding payloads the orchestrator sent, one per rediscovery.</param>
/// <param name="PayloadsDropped">Of those, the ones the node answered <c>duplicate</c>.</param>
/// <param name="SessionsStarted">Sessions the newcomer was asked to start (each loads the full context).</param>
/// <param name="Agent">The node's view of the newcomer; null before it registered.</param>
/// <param name="Events">The latest event lines.</param>
/// <param name="Alerts">Every alert line.</param>
internal sealed record DemoSnapshot(
    int Reconnects,
    int PayloadsSent,
    int PayloadsDropped,
    int SessionsStarted,
    JsonElement? Agent,
    IReadOnlyList<string> Events,
    IReadOnlyList<string> Alerts)
{
    public string? AgentState => Agent?.Text("state");

    public long Counter(string name) => Agent?.Long("counters", name) ?? 0;
}
