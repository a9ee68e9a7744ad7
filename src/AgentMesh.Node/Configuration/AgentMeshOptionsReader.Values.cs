using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AgentMesh.Node.Configuration;

/// <summary>Parsing single values, recording a problem for each one that does not parse.</summary>
public sealed partial class AgentMeshOptionsReader
{
    /// <summary>The parsed value of <paramref name="key"/>; <paramref name="fallback"/> when unset or when it does not parse (then a problem is recorded).</summary>
    private T Read<T>(string key, T fallback, Func<string, T?> parse, string requirement)
        where T : class?
    {
        if (_configuration.Value(key) is not { } value)
        {
            return fallback;
        }

        if (parse(value) is { } parsed)
        {
            return parsed;
        }

        Problem(key, value, requirement);
        return fallback;
    }

    /// <inheritdoc cref="Read{T}"/>
    private T ReadValue<T>(string key, T fallback, Func<string, T?> parse, string requirement)
        where T : struct
    {
        if (_configuration.Value(key) is not { } value)
        {
            return fallback;
        }

        if (parse(value) is { } parsed)
        {
            return parsed;
        }

        Problem(key, value, requirement);
        return fallback;
    }

    private long ReadWholeNumber(string key, long fallback, long min, long max) =>
        ReadValue(key, fallback,
            value => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
                ? number
                : (long?)null,
            string.Create(CultureInfo.InvariantCulture, $"must be a whole number between {min} and {max}"));

    private TimeSpan ReadDuration(string key, TimeSpan fallback, TimeSpan min, TimeSpan max) =>
        ReadValue(key, fallback,
            value => Durations.TryParse(value, out var duration) && duration >= min && duration <= max ? duration : (TimeSpan?)null,
            $"must be a duration between {Durations.Format(min)} and {Durations.Format(max)}, like \"{Durations.Format(fallback)}\" or \"{fallback:c}\"");

    private bool ReadBoolean(string key, bool fallback) =>
        ReadValue(key, fallback, value => bool.TryParse(value, out var flag) ? flag : (bool?)null, "must be true or false");

    private void Problem(string key, string? value, string requirement, bool secret = false) =>
        _problems.Add(new ConfigurationProblem(key, secret ? null : value, _configuration.Where(key), requirement)
        {
            IsSecret = secret || ConfigurationKeys.IsSecret(key),
        });

    /// <summary>One warning per key under <c>AgentMesh</c> that nothing reads, with the closest known key when one is near.</summary>
    private static IReadOnlyList<string> UnknownKeyWarnings(NodeConfiguration configuration)
    {
        var warnings = new List<string>();
        var settings = configuration.Root.GetSection(AgentMeshOptions.SectionName).AsEnumerable()
            .OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings)
        {
            if (value is null || ConfigurationKeys.IsKnown(key))
            {
                continue;
            }

            var guess = ConfigurationKeys.Leaves.Concat(ConfigurationKeys.OpenSections)
                .Select(known => (Key: known, Distance: EditDistance(known.ToLowerInvariant(), key.ToLowerInvariant())))
                .MinBy(candidate => candidate.Distance);
            var hint = guess.Distance <= 3 ? $"; did you mean {guess.Key}?" : "";
            warnings.Add($"{key} {configuration.Where(key)} is not a setting AgentMesh knows and is ignored (a typo?){hint}");
        }

        return warnings;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
