using System.Globalization;
using System.Text;

namespace AgentMesh.Node.Metrics;

/// <summary>Names, units, escaping and numbers of the Prometheus text format 0.0.4.</summary>
internal static class PrometheusText
{
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["d"] = "days",
        ["h"] = "hours",
        ["min"] = "minutes",
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["us"] = "microseconds",
        ["ns"] = "nanoseconds",
        ["By"] = "bytes",
        ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes",
        ["GiBy"] = "gibibytes",
        ["KBy"] = "kilobytes",
        ["MBy"] = "megabytes",
        ["GBy"] = "gigabytes",
        ["%"] = "percent",
        ["1"] = "",
    };

    /// <summary>
    /// The metric name: the instrument name with every character outside <c>[a-zA-Z0-9_:]</c> made
    /// <c>_</c> (and a leading digit prefixed), then the unit (<c>s</c> → <c>_seconds</c>) unless
    /// the name already ends with it, then <c>_total</c> for counters.
    /// </summary>
    public static string MetricName(string instrumentName, string? unit, bool isCounter)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        if (isCounter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>A label name: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static string LabelName(string key) => Sanitize(key, allowColon: false);

    /// <summary>
    /// The unit as a name suffix: UCUM units by their Prometheus words, <c>{annotations}</c> dropped,
    /// <c>a/b</c> as <c>a_per_b</c>, anything else sanitised.
    /// </summary>
    public static string UnitSuffix(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return "";
        }

        var withoutAnnotations = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            depth += c == '{' ? 1 : 0;
            if (depth == 0)
            {
                withoutAnnotations.Append(c);
            }

            depth -= c == '}' && depth > 0 ? 1 : 0;
        }

        var parts = withoutAnnotations.ToString().Split('/', StringSplitOptions.TrimEntries)
            .Select(part => Units.TryGetValue(part, out var word) ? word : part.Length == 0 ? "" : Sanitize(part, allowColon: false).Trim('_'))
            .ToArray();
        return parts switch
        {
            [var single] => single,
            [var measured, ""] => measured,
            ["", var per] => $"per_{SingularTime(per)}",
            [var measured, var per] => $"{measured}_per_{SingularTime(per)}",
            _ => string.Join('_', parts.Where(part => part.Length > 0)),
        };

        static string SingularTime(string word) => word switch
        {
            "seconds" => "second",
            "minutes" => "minute",
            "hours" => "hour",
            "days" => "day",
            _ => word,
        };
    }

    /// <summary>Escapes a label value: backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Escapes HELP text: backslash and line feed.</summary>
    public static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>A sample value or bucket bound: shortest round-trip form, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A tag value as label text: invariant culture, booleans lower-case, null empty.</summary>
    public static string LabelText(object? value) => value switch
    {
        null => "",
        bool flag => flag ? "true" : "false",
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Sanitize(string name, bool allowColon)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
