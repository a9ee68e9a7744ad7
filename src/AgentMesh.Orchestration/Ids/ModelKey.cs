using System.Diagnostics.CodeAnalysis;

namespace AgentMesh.Orchestration.Ids;

/// <summary>
/// A provider's model, as reported in <c>usage</c> frames (<c>openai</c>, <c>gpt-4o</c>). Both parts
/// are stored lower-case, so that a model's spend is never split between two spellings: the
/// provider is 1–64 characters of <c>[A-Za-z0-9._-]</c>, the model 1–128 characters of
/// <c>[A-Za-z0-9._:@/-]</c> (dated snapshots, Vertex-style <c>@</c> versions and routed names
/// such as <c>anthropic/claude-sonnet-4</c> all fit). <see cref="ToString"/> is
/// <c>provider/model</c>; <see cref="Parse"/> splits at the first <c>/</c>.
/// </summary>
public readonly record struct ModelKey
{
    public const int MaxProviderLength = 64;
    public const int MaxModelLength = 128;
    private const string ModelAlphabet = "[A-Za-z0-9._:@/-]";

    public ModelKey(string provider, string model)
    {
        if (!IsValid(provider, model, out var reason))
        {
            throw new ArgumentException(reason);
        }

        Provider = provider.ToLowerInvariant();
        Model = model.ToLowerInvariant();
    }

    public string Provider { get; }

    public string Model { get; }

    /// <summary>Parses <c>provider/model</c>.</summary>
    public static ModelKey Parse(string value) =>
        TryParse(value, out var key, out var error) ? key : throw new ArgumentException(error, nameof(value));

    /// <summary>Parses <c>provider/model</c>, splitting at the first <c>/</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out ModelKey key, [NotNullWhen(false)] out string? error)
    {
        var slash = value?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (value is null || slash < 0)
        {
            key = default;
            error = $"A model must have the form '<provider>/<model>'; got '{value}'.";
            return false;
        }

        return TryCreate(value[..slash], value[(slash + 1)..], out key, out error);
    }

    /// <summary>Validates without throwing; <paramref name="error"/> says why a value was refused.</summary>
    public static bool TryCreate(
        string? provider, string? model, out ModelKey key, [NotNullWhen(false)] out string? error)
    {
        if (IsValid(provider, model, out error))
        {
            key = new ModelKey(provider, model);
            return true;
        }

        key = default;
        return false;
    }

    public override string ToString() => Provider is null ? string.Empty : $"{Provider}/{Model}";

    private static bool IsValid(
        [NotNullWhen(true)] string? provider, [NotNullWhen(true)] string? model, [NotNullWhen(false)] out string? reason)
    {
        if (!IdText.IsToken(provider, MaxProviderLength, "A model provider", out reason))
        {
            return false;
        }

        var rule = $"A model name must be 1–{MaxModelLength} characters of {ModelAlphabet}";
        if (string.IsNullOrEmpty(model) || model.Length > MaxModelLength)
        {
            reason = $"{rule}; got {(string.IsNullOrEmpty(model) ? "an empty value" : $"{model.Length} characters")}.";
            return false;
        }

        for (var i = 0; i < model.Length; i++)
        {
            if (!IdText.IsTokenChar(model[i]) && model[i] is not (':' or '@' or '/'))
            {
                reason = $"{rule}; the character U+{(int)model[i]:X4} at position {i} is not allowed.";
                return false;
            }
        }

        return true;
    }
}
