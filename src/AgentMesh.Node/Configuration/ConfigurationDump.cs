using Npgsql;

namespace AgentMesh.Node.Configuration;

/// <summary>The configured <c>AgentMesh</c> keys with their values and sources, secrets redacted, for the log.</summary>
public static class ConfigurationDump
{
    public const string Hidden = "(hidden)";

    public static IReadOnlyList<string> Lines(NodeConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return
        [
            .. Microsoft.Extensions.Configuration.ConfigurationExtensions.AsEnumerable(configuration.Root.GetSection(AgentMeshOptions.SectionName))
                .Where(pair => pair.Value is not null)
                .OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase)
                .Select(pair => $"{pair.Key} = {Redact(pair.Key, pair.Value!)} {configuration.Where(pair.Key)}"), // filtered on non-null above
        ];
    }

    /// <summary>
    /// The value as it may be logged: tokens hidden; a connection string reduced to host, port and
    /// database; a webhook URL reduced to its origin (chat webhooks carry their secret in the path).
    /// </summary>
    public static string Redact(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Equals(ConfigurationKeys.PostgreSqlConnectionString, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var connection = new NpgsqlConnectionStringBuilder(value);
                return $"\"Host={connection.Host};Port={connection.Port};Database={connection.Database};{Hidden}\"";
            }
            catch (ArgumentException)
            {
                return Hidden;
            }
        }

        if (ConfigurationKeys.IsSecret(key))
        {
            return Hidden;
        }

        if (key.Equals(ConfigurationKeys.AlertsWebhookUrl, StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(value, UriKind.Absolute, out var uri) ? $"\"{uri.GetLeftPart(UriPartial.Authority)}/{Hidden}\"" : Hidden;
        }

        return $"\"{value}\"";
    }
}
