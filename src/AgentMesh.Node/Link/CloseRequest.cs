using System.Net.WebSockets;

namespace AgentMesh.Node.Link;

/// <summary>Asks the writer loop to close the connection after the frames queued before it.</summary>
internal sealed record CloseRequest(WebSocketCloseStatus Status, string Description)
{
    public const WebSocketCloseStatus Replaced = (WebSocketCloseStatus)4000;
}
