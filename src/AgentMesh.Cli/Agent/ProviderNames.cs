namespace AgentMesh.Cli.Agent;

/// <summary>
/// The provider a base URL belongs to, as the price table names it (<c>openai</c>, <c>anthropic</c>):
/// usage is tallied per <c>model:&lt;provider&gt;/&lt;model&gt;</c>, so a wrong guess only misprices, and
/// <c>--provider</c> overrides it.
/// </summary>
internal static class ProviderNames
{
    private static readonly (string HostSuffix, string Provider)[] Known =
    [
        ("openai.com", "openai"),
        ("openai.azure.com", "azure"),
        ("anthropic.com", "anthropic"),
        ("openrouter.ai", "openrouter"),
        ("groq.com", "groq"),
        ("mistral.ai", "mistral"),
        ("deepseek.com", "deepseek"),
        ("together.xyz", "together"),
        ("fireworks.ai", "fireworks"),
        ("googleapis.com", "google"),
        ("x.ai", "xai"),
    ];

    /// <summary>A known provider's name; <c>local</c> for a loopback server; else the host's name without its top-level domain.</summary>
    public static string FromBaseUrl(Uri baseUrl)
    {
        var host = baseUrl.Host.ToLowerInvariant();
        foreach (var (suffix, provider) in Known.OrderByDescending(known => known.HostSuffix.Length))
        {
            if (host == suffix || host.EndsWith("." + suffix, StringComparison.Ordinal))
            {
                return provider;
            }
        }

        if (baseUrl.IsLoopback)
        {
            return "local";
        }

        var labels = host.Split('.');
        return labels.Length >= 2 ? labels[^2] : host;
    }
}
