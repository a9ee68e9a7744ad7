using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace AgentMesh.Persistence.Serialization;

/// <summary>
/// The explicit list of types that may be stored, each under a stable manifest name. Build it once
/// at start-up and hand it to <see cref="EventSerializer"/>; it is not thread-safe while being built.
/// </summary>
/// <remarks>
/// <para><b>The manifest rule.</b> What is stored names a contract, never a CLR type: renaming or
/// moving a class must not make old events unreadable. A manifest is lower-case dotted words ending
/// in a version, e.g. <c>agent.welcome-sent.v1</c>. A released manifest keeps its meaning forever;
/// an incompatible change is a new type under <c>.v2</c>, and the old one stays registered so old
/// entries still replay.</para>
/// <para>Each type comes with the <see cref="JsonTypeInfo{T}"/> of a source-generated
/// <see cref="JsonSerializerContext"/>, so no reflection decides the stored shape. Setting
/// <c>RespectRequiredConstructorParameters</c> and <c>RespectNullableAnnotations</c> on the context
/// makes a payload with missing or null members fail to deserialize instead of yielding a half-empty event.</para>
/// </remarks>
public sealed partial class EventManifestRegistry
{
    private readonly List<EventRegistration> _registrations = [];

    internal IReadOnlyList<EventRegistration> Registrations => _registrations;

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="manifest"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The manifest is malformed or taken, the type is registered already, or the metadata does not
    /// come from a source-generated context.
    /// </exception>
    public EventManifestRegistry Register<T>(string manifest, JsonTypeInfo<T> typeInfo)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (!ManifestPattern().IsMatch(manifest))
        {
            throw new ArgumentException(
                $"'{manifest}' is not a manifest: use lower-case dotted words ending in a version, like 'agent.welcome-sent.v1'.",
                nameof(manifest));
        }

        if (typeInfo.OriginatingResolver is not JsonSerializerContext)
        {
            throw new ArgumentException(
                $"The metadata for {typeof(T)} must come from a source-generated JsonSerializerContext.", nameof(typeInfo));
        }

        if (_registrations.Find(registration => registration.Manifest == manifest) is { } sameManifest)
        {
            throw new ArgumentException($"The manifest '{manifest}' is already registered for {sameManifest.Type}.", nameof(manifest));
        }

        if (_registrations.Find(registration => registration.Type == typeof(T)) is { } sameType)
        {
            throw new ArgumentException($"{typeof(T)} is already registered as '{sameType.Manifest}'.", nameof(typeInfo));
        }

        _registrations.Add(new EventRegistration<T>(manifest, typeInfo));
        return this;
    }

    [GeneratedRegex(@"^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*\.v[1-9][0-9]*$")]
    private static partial Regex ManifestPattern();
}
