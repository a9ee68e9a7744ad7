using Microsoft.Extensions.Logging;

namespace AgentMesh.Node.Security;

/// <summary>Log events of authentication (event ids 5200–5299). Tokens are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(5200, LogLevel.Warning, "Refused an admin call to {Path} from {RemoteAddress}: {Access}")]
    public static partial void AdminAccessRefused(ILogger logger, string path, string remoteAddress, string access);
}
