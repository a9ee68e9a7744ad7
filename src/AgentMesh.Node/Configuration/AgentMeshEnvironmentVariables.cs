using System.Collections;
using Microsoft.Extensions.Configuration;

namespace AgentMesh.Node.Configuration;

/// <summary>
/// Reads <c>AGENTMESH__SECTION__KEY</c> environment variables as <c>AgentMesh:Section:Key</c> and
/// remembers each key's variable name, so that a problem can name the variable to fix. Only
/// variables with the prefix are read; the rest of the environment stays out of the configuration.
/// </summary>
internal sealed class AgentMeshEnvironmentVariables : IConfigurationSource
{
    public const string Prefix = "AGENTMESH__";

    private readonly IReadOnlyDictionary<string, string?>? _variables;

    /// <param name="variables">The variables to read; null reads the process environment.</param>
    public AgentMeshEnvironmentVariables(IReadOnlyDictionary<string, string?>? variables)
    {
        _variables = variables;
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(_variables);

    internal sealed class Provider(IReadOnlyDictionary<string, string?>? variables) : ConfigurationProvider
    {
        private readonly Dictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>The environment variable that set <paramref name="key"/>, as it was spelled.</summary>
        public string VariableFor(string key) =>
            _names.TryGetValue(key, out var name) ? name : Prefix + key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant();

        public override void Load()
        {
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            _names.Clear();
            foreach (var (name, value) in Read())
            {
                if (value is null || !name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || name.Length == Prefix.Length)
                {
                    continue;
                }

                var key = AgentMeshOptions.SectionName + ConfigurationPath.KeyDelimiter +
                    name[Prefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
                data[key] = value;
                _names[key] = name;
            }

            Data = data;
        }

        private IEnumerable<(string Name, string? Value)> Read()
        {
            if (variables is not null)
            {
                return variables.Select(pair => (pair.Key, pair.Value));
            }

            return Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
                .Select(entry => ((string)entry.Key, (string?)entry.Value));
        }
    }
}
