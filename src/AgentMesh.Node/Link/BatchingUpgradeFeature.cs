using AgentMesh.Transport;
using Microsoft.AspNetCore.Http.Features;

namespace AgentMesh.Node.Link;

/// <summary>
/// The HTTP upgrade of an agent-link request, with the upgraded stream wrapped so that the
/// connection's writer can send what it has queued in one write (<see cref="BufferedLinkStream"/>).
/// Set before the WebSocket middleware, which takes the upgrade feature when the request arrives.
/// </summary>
internal sealed class BatchingUpgradeFeature(IHttpUpgradeFeature inner) : IHttpUpgradeFeature
{
    /// <summary>The upgraded stream, once the WebSocket was accepted.</summary>
    public BufferedLinkStream? Stream { get; private set; }

    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    public async Task<Stream> UpgradeAsync()
    {
        Stream = new BufferedLinkStream(await inner.UpgradeAsync());
        return Stream;
    }
}
