namespace AgentMesh.Node.Dashboard;

/// <summary>One embedded dashboard file as the node serves it.</summary>
/// <param name="UrlPath">Where it is served: <c>/</c> for the page, <c>/assets/…</c> for everything else.</param>
/// <param name="ResourceName">The manifest resource it was read from (<c>dashboard/wwwroot/…</c> or <c>dashboard/vendor/…</c>).</param>
/// <param name="ContentType">The <c>Content-Type</c> header, with <c>charset=utf-8</c> for text.</param>
/// <param name="Content">The bytes, exactly as embedded.</param>
/// <param name="ETag">A strong entity tag derived from the SHA-256 of <paramref name="Content"/>, quoted.</param>
public sealed record DashboardAsset(string UrlPath, string ResourceName, string ContentType, ReadOnlyMemory<byte> Content, string ETag);
