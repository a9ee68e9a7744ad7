using System.Globalization;

namespace AgentMesh.Node.Configuration;

/// <summary>Durations in configuration: <c>500ms</c>, <c>10s</c>, <c>2m</c>, <c>1h</c>, or a .NET time span <c>00:00:10</c>.</summary>
public static class Durations
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        (string Suffix, double Scale)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, scale) in units)
        {
            if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(value[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                duration = TimeSpan.FromMilliseconds(amount * scale);
                return true;
            }
        }

        return TimeSpan.TryParseExact(value, "c", CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }

    /// <summary>The shortest of the suffixed forms that states <paramref name="duration"/> exactly.</summary>
    public static string Format(TimeSpan duration) => duration switch
    {
        { TotalHours: var hours } when hours >= 1 && hours == Math.Floor(hours) => Invariant($"{hours}h"),
        { TotalMinutes: var minutes } when minutes >= 1 && minutes == Math.Floor(minutes) => Invariant($"{minutes}m"),
        { TotalSeconds: var seconds } when seconds >= 1 && seconds == Math.Floor(seconds) => Invariant($"{seconds}s"),
        _ => Invariant($"{duration.TotalMilliseconds}ms"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
