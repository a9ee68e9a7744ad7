using Microsoft.Extensions.Logging;

namespace AgentMesh.Node.Dashboard;

/// <summary>Log events of the dashboard (event ids 5900–5999).</summary>
internal static partial class Log
{
    [LoggerMessage(5900, LogLevel.Information, "The dashboard is at {Url}")]
    public static partial void DashboardServed(ILogger logger, string url);
}
