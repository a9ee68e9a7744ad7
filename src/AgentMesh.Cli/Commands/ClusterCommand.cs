using System.CommandLine;
using AgentMesh.Cli.Rendering;

namespace AgentMesh.Cli.Commands;

/// <summary><c>agentmesh cluster status</c>.</summary>
internal static class ClusterCommand
{
    public static Command Create(RemoteOptions remote)
    {
        var status = remote.AddTo(new Command("status", """
            This node and every cluster member: address, roles, status (joining, up, leaving, down),
            last heartbeat and shards owned
            """)).WithExamples("agentmesh cluster status", "agentmesh cluster status --node http://mac-mini:5080 --json");
        status.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = remote.Connect(parseResult);
            var answer = await client.GetAsync("api/cluster", cancellationToken);
            return remote.Show(parseResult, answer, ClusterViews.Status);
        });
        return new Command("cluster", "The cluster as the node sees it") { status }
            .WithExamples("agentmesh cluster status");
    }
}
