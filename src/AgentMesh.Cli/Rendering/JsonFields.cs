using System.Globalization;
using System.Text.Json;

namespace AgentMesh.Cli.Rendering;

/// <summary>
/// Lenient reads of the node's JSON: a missing field, a null or a value of another kind gives
/// <see langword="null"/> (shown as "-") instead of an exception, so a node that adds, drops or
/// retypes a field still gets its answer shown.
/// </summary>
internal static class JsonFields
{
    public static JsonElement? Get(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
    }

    public static string? Text(this JsonElement element, params string[] path) =>
        element.Get(path) is { } value ? Format(value) : null;

    public static long? Long(this JsonElement element, params string[] path) =>
        element.Get(path) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    public static decimal? Decimal(this JsonElement element, params string[] path) =>
        element.Get(path) is { ValueKind: JsonValueKind.Number } value && value.TryGetDecimal(out var number) ? number : null;

    /// <summary>The items of an array field; none when it is missing or not an array.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element, params string[] path) =>
        element.Get(path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>A scalar as text (numbers with thousands separators); an array or object as compact JSON.</summary>
    public static string Format(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Number when value.TryGetInt64(out var whole) => whole.ToString("N0", CultureInfo.InvariantCulture),
        JsonValueKind.Number => value.GetDouble().ToString("#,0.####", CultureInfo.InvariantCulture),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Null or JsonValueKind.Undefined => "-",
        _ => value.GetRawText(),
    };

    public static string Count(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";

    public static string Usd(decimal? value) => value is { } usd ? "$" + usd.ToString("#,0.00##", CultureInfo.InvariantCulture) : "-";

    /// <summary>An ISO-8601 time as local <c>yyyy-MM-dd HH:mm:ss</c>; any other text as it is.</summary>
    public static string Time(string? value) =>
        value is null ? "-"
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : value;
}
