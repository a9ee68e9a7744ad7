using System.Text.Json.Nodes;
using AgentMesh.Node.Configuration;
using AgentMesh.Node.Hosting;

namespace AgentMesh.Node.Tests.Configuration;

/// <summary>Writes configuration files and reads them the way a node does.</summary>
internal static class ConfigurationFiles
{
    /// <summary>JSON that sets each <c>A:B:C</c> key to its value, nested as a settings file writes it.</summary>
    public static string Json(params (string Key, string Value)[] settings)
    {
        var root = new JsonObject();
        foreach (var (key, value) in settings)
        {
            var node = root;
            var parts = key.Split(':');
            foreach (var part in parts[..^1])
            {
                node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
            }

            node[parts[^1]] = value;
        }

        return root.ToJsonString();
    }

    public static NodeConfiguration Build(
        TestDirectory directory,
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? settingsFile = null) =>
        NodeConfiguration.Build(args, new NodeHostOptions
        {
            SettingsFile = settingsFile ?? directory.File("no-appsettings.json"),
            EnvironmentVariables = environment ?? new Dictionary<string, string?>(),
        });

    public static ConfigurationReport Read(
        TestDirectory directory,
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? settingsFile = null) =>
        AgentMeshOptionsReader.Read(Build(directory, args, environment, settingsFile));
}
