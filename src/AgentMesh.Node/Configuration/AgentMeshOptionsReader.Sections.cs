using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AgentMesh.Node.Configuration;

/// <summary>
/// Helpers of the sections whose keys name things (agents, budget scopes, models): optional values,
/// entries, and unknown keys, which inside these sections are errors, not warnings.
/// </summary>
public sealed partial class AgentMeshOptionsReader
{
    /// <summary>The value that removes a limit configured by a default (budgets only).</summary>
    private const string NoLimit = "none";

    /// <summary>The parsed value of <paramref name="key"/>; null when unset or when it does not parse (then a problem is recorded).</summary>
    private T? ReadOptional<T>(string key, Func<string, T?> parse, string requirement)
        where T : struct
    {
        if (_configuration.Value(key) is not { } value)
        {
            return null;
        }

        if (parse(value) is { } parsed)
        {
            return parsed;
        }

        Problem(key, value, requirement);
        return null;
    }

    private long? ReadOptionalWholeNumber(string key, long min, long max) =>
        ReadOptional(key,
            value => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
                ? number
                : (long?)null,
            Invariant($"must be a whole number between {min} and {max}"));

    private int? ReadOptionalInt(string key, int min, int max) => (int?)ReadOptionalWholeNumber(key, min, max);

    private TimeSpan? ReadOptionalDuration(string key, TimeSpan min, TimeSpan max, TimeSpan example) =>
        ReadOptional(key,
            value => Durations.TryParse(value, out var duration) && duration >= min && duration <= max ? duration : (TimeSpan?)null,
            $"must be a duration between {Durations.Format(min)} and {Durations.Format(max)}, like \"{Durations.Format(example)}\" or \"{example:c}\"");

    /// <summary>A decimal in [<paramref name="min"/>, <paramref name="max"/>], or above <paramref name="min"/> when <paramref name="minExclusive"/>.</summary>
    private decimal? ReadOptionalDecimal(string key, decimal min, decimal max, bool minExclusive) =>
        ReadOptional(key,
            value => decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                && (minExclusive ? number > min : number >= min) && number <= max
                ? number
                : (decimal?)null,
            minExclusive
                ? Invariant($"must be a number above {min} and at most {max}")
                : Invariant($"must be a number between {min} and {max}"));

    private double? ReadOptionalDouble(string key, double min, double max) =>
        ReadOptional(key,
            value => double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
                ? number
                : (double?)null,
            Invariant($"must be a number between {min} and {max}"));

    /// <summary>
    /// Records a problem for each child of <paramref name="section"/> that is not one of
    /// <paramref name="known"/> (compared ignoring case, like configuration keys), with the closest
    /// known name when one is near. A child that is a section is named by its first setting.
    /// </summary>
    private void CheckNames(IConfigurationSection section, string what, IReadOnlyList<string> known)
    {
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                UnknownName(child, what, known);
            }
        }
    }

    private void UnknownName(IConfigurationSection child, string what, IReadOnlyList<string> known)
    {
        var guess = known
            .Select(name => (Name: name, Distance: EditDistance(name.ToLowerInvariant(), child.Key.ToLowerInvariant())))
            .MinBy(candidate => candidate.Distance);
        var hint = guess.Distance <= 3 ? $"; did you mean {guess.Name}?" : "";
        var (key, value) = FirstSetting(child);
        Problem(key, value, $"'{child.Key}' is not {what}: must be one of {string.Join(", ", known)}{hint}");
    }

    /// <summary>A section that must hold settings but is a value: records a problem and answers true.</summary>
    private bool IsValueInsteadOfSection(IConfigurationSection section, string requirement)
    {
        if (section.Value is { Length: > 0 } value && !section.GetChildren().Any())
        {
            Problem(section.Path, value, requirement);
            return true;
        }

        return false;
    }

    /// <summary>
    /// The entries of a section whose keys name things by their text, which may itself contain the
    /// key separator <c>:</c> (<c>agent:gpu-box</c>, <c>model:ollama/llama3:8b</c>): every setting is
    /// <c>&lt;entry&gt;:&lt;field&gt;</c>, the entry being every segment but the last. An empty
    /// object (<c>"agent:gpu-box": {}</c>) is an entry without fields. Entries are in key order.
    /// </summary>
    private static List<ConfigurationEntry> Entries(IConfigurationSection section)
    {
        var entries = new Dictionary<string, ConfigurationEntry>(StringComparer.OrdinalIgnoreCase);
        var order = new List<ConfigurationEntry>();
        Walk(section, "");
        return order;

        void Walk(IConfigurationSection parent, string path)
        {
            foreach (var child in parent.GetChildren())
            {
                var childPath = path.Length == 0 ? child.Key : path + ConfigurationPath.KeyDelimiter + child.Key;
                if (child.GetChildren().Any())
                {
                    Walk(child, childPath);
                }
                else if (child.Value is not null)
                {
                    // An empty value is a field left at its default; only an empty object ({}) has no value.
                    EntryAt(path, parent.Path).Fields.Add(new ConfigurationField(child.Key, child.Path, child.Value));
                }
                else
                {
                    EntryAt(childPath, child.Path);
                }
            }
        }

        ConfigurationEntry EntryAt(string name, string key)
        {
            if (!entries.TryGetValue(name, out var entry))
            {
                entry = new ConfigurationEntry(name, key, []);
                entries.Add(name, entry);
                order.Add(entry);
            }

            return entry;
        }
    }

    /// <summary>The first setting at or below <paramref name="section"/>, to name it in a problem; the section itself when it has none.</summary>
    private static (string Key, string? Value) FirstSetting(IConfigurationSection section)
    {
        foreach (var (key, value) in section.AsEnumerable().OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (value is not null)
            {
                return (key, value);
            }
        }

        return (section.Path, null);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One entry of a section keyed by names: its name (relative to the section), its full key and its settings.</summary>
    private sealed record ConfigurationEntry(string Name, string Key, List<ConfigurationField> Fields)
    {
        public ConfigurationField? Field(string name) =>
            Fields.FirstOrDefault(field => field.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

        /// <summary>The setting to name when the entry as a whole is wrong: its first field, or the entry itself.</summary>
        public (string Key, string? Value) Anchor => Fields.Count > 0 ? (Fields[0].Key, Fields[0].Value) : (Key, null);
    }

    /// <summary>One setting of an entry: its name (the last key segment), its full key and its value.</summary>
    private sealed record ConfigurationField(string Name, string Key, string Value);
}
