using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AgentMesh.Node.Hosting;

/// <summary>
/// How a node is embedded: where its settings file and environment come from, where start-up errors
/// and console logs go, and hooks to add services and endpoints. The defaults run a real node;
/// tests and the CLI replace parts.
/// </summary>
public sealed record NodeHostOptions
{
    public static readonly NodeHostOptions Default = new();

    /// <summary>The lowest-precedence settings file; <c>appsettings.json</c> next to the node when null.</summary>
    public string? SettingsFile { get; init; }

    /// <summary>The environment variables to read <c>AGENTMESH__*</c> from; the process environment when null.</summary>
    public IReadOnlyDictionary<string, string?>? EnvironmentVariables { get; init; }

    /// <summary>Where start-up errors are printed; standard error when null.</summary>
    public TextWriter? ErrorOutput { get; init; }

    /// <summary>Where the console log sink writes; the process console (with colours) when null.</summary>
    public TextWriter? ConsoleOutput { get; init; }

    /// <summary>Runs after the node's services are added, before the host is built: add or replace services here.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Runs after the node's middleware and endpoints are mapped: map more endpoints here.</summary>
    public Action<WebApplication>? ConfigureApplication { get; init; }
}
