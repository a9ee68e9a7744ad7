using Microsoft.Extensions.Configuration;

namespace AgentMesh.Node.Configuration;

/// <summary>One source of the node's configuration and how to name it in a message.</summary>
/// <param name="Provider">The provider built from the source, as found in <see cref="IConfigurationRoot.Providers"/>.</param>
/// <param name="Name">The file as the operator would recognise it, or "environment variables" or "command line".</param>
internal sealed record ConfigurationLayer(IConfigurationProvider Provider, string Name)
{
    /// <summary>Where <paramref name="key"/> comes from in this layer, phrased to follow a value: "in x.json".</summary>
    public string Where(string key) => Provider switch
    {
        AgentMeshEnvironmentVariables.Provider environment => $"in environment variable {environment.VariableFor(key)}",
        Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationProvider => "on the command line",
        _ => $"in {Name}",
    };
}
