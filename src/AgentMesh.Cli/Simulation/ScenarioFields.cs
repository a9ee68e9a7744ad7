using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AgentMesh.Cli.Simulation;

/// <summary>
/// Reads the fields of one JSON object of a scenario file, recording a <see cref="ScenarioProblem"/>
/// with the field's JSON path for every bad value (and for every field it does not know, so that a
/// misspelt field is not silently ignored). A getter answers the default when the field is bad.
/// </summary>
internal sealed partial class ScenarioFields
{
    private readonly JsonElement _element;
    private readonly List<ScenarioProblem> _problems;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public ScenarioFields(JsonElement element, string path, List<ScenarioProblem> problems)
    {
        _element = element;
        Path = path;
        _problems = problems;
        IsObject = element.ValueKind == JsonValueKind.Object;
        if (!IsObject)
        {
            problems.Add(new ScenarioProblem(path, "must be an object"));
        }
    }

    public string Path { get; }

    public bool IsObject { get; }

    public string At(string name) => $"{Path}.{name}";

    public void Problem(string name, string message) => _problems.Add(new ScenarioProblem(At(name), message));

    public bool Has(string name) => TryGet(name, out _);

    public bool TryGet(string name, out JsonElement value)
    {
        _known.Add(name);
        value = default;
        return IsObject && _element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    public string? String(string name, bool required = false, Regex? pattern = null, string? rule = null)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Problem(name, "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
        {
            Problem(name, "must be a non-empty string");
            return null;
        }

        var text = value.GetString()!; // A string value.
        if (pattern is not null && !pattern.IsMatch(text))
        {
            Problem(name, rule ?? "has the wrong form");
            return null;
        }

        return text;
    }

    public long? Integer(string name, long min, bool required = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Problem(name, min > 0 ? "is required (a positive integer)" : "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number) || number < min)
        {
            Problem(name, min switch
            {
                1 => "must be a positive integer",
                0 => "must be an integer of 0 or more",
                _ => $"must be an integer of at least {min}",
            });
            return null;
        }

        return number;
    }

    public decimal? Decimal(string name, bool required = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Problem(name, "is required (a number of 0 or more)");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number) || number < 0)
        {
            Problem(name, "must be a number of 0 or more");
            return null;
        }

        return number;
    }

    public bool? Boolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Problem(name, "must be true or false");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>A duration: <c>"90s"</c>, <c>"10m"</c>, <c>"1h30m"</c>, <c>"500ms"</c>, or a number of seconds.</summary>
    public TimeSpan? Duration(string name, bool required = false, bool allowZero = true)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Problem(name, "is required (a duration such as \"90s\", \"10m\" or \"1h30m\")");
            }

            return null;
        }

        return ParseDuration(value, allowZero, out var duration, out var error) ? duration : Fail(name, error);
    }

    /// <summary>A duration, or <c>[min, max]</c> for a gap drawn from that range.</summary>
    public DurationRange? Range(string name, bool required = false, bool allowZero = true)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Problem(name, "is required (a duration such as \"30s\", or a range such as [\"30s\", \"60s\"])");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return ParseDuration(value, allowZero, out var fixedValue, out var error)
                ? DurationRange.Fixed(fixedValue)
                : Fail<DurationRange>(name, error);
        }

        if (value.GetArrayLength() != 2)
        {
            Problem(name, "a range must be [min, max]");
            return null;
        }

        if (!ParseDuration(value[0], allowZero, out var min, out var minError))
        {
            return Fail<DurationRange>($"{name}[0]", minError);
        }

        if (!ParseDuration(value[1], allowZero, out var max, out var maxError))
        {
            return Fail<DurationRange>($"{name}[1]", maxError);
        }

        if (max < min)
        {
            Problem(name, "the range's max is below its min");
            return null;
        }

        return new DurationRange(min, max);
    }

    /// <summary>The elements of an array field with their paths; an absent field is an empty array.</summary>
    public IEnumerable<(JsonElement Element, string Path)> Array(string name, bool required = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Problem(name, "is required (a non-empty array)");
            }

            yield break;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Problem(name, "must be an array");
            yield break;
        }

        if (required && value.GetArrayLength() == 0)
        {
            Problem(name, "must not be empty");
        }

        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            yield return (element, $"{At(name)}[{index++}]");
        }
    }

    /// <summary>Records every field of the object that no getter asked for.</summary>
    public void RejectUnknown()
    {
        if (!IsObject)
        {
            return;
        }

        foreach (var property in _element.EnumerateObject())
        {
            if (!_known.Contains(property.Name))
            {
                Problem(property.Name, "is not a field of this object (misspelt?)");
            }
        }
    }

    public static bool ParseDuration(JsonElement value, bool allowZero, out TimeSpan duration, out string error)
    {
        duration = TimeSpan.Zero;
        error = "must be a duration such as \"90s\", \"10m\", \"1h30m\" or a number of seconds";
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds >= 0 && seconds <= 366 * 86_400)
        {
            duration = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        }
        else if (value.ValueKind == JsonValueKind.String && DurationPattern().Match(value.GetString() ?? string.Empty) is { Success: true } match)
        {
            long Part(string group) => match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
            var total = (Part("h") * 3600_000) + (Part("m") * 60_000) + (Part("s") * 1000) + Part("ms");
            if (total > 366L * 86_400_000)
            {
                error = "must be at most a year";
                return false;
            }

            duration = TimeSpan.FromMilliseconds(total);
        }
        else
        {
            return false;
        }

        if (!allowZero && duration <= TimeSpan.Zero)
        {
            error = "must be a positive duration";
            return false;
        }

        return true;
    }

    private TimeSpan? Fail(string name, string error)
    {
        Problem(name, error);
        return null;
    }

    private TResult? Fail<TResult>(string name, string error)
        where TResult : class
    {
        Problem(name, error);
        return null;
    }

    [GeneratedRegex(@"^(?=\d)(?:(?<h>\d{1,5})h)?(?:(?<m>\d{1,6})m(?!s))?(?:(?<s>\d{1,8})s)?(?:(?<ms>\d{1,9})ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
