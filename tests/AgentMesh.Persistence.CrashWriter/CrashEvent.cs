using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using AgentMesh.Persistence.Serialization;

namespace AgentMesh.Persistence.CrashWriter;

/// <summary>
/// An event whose payload proves itself: it carries its own sequence number, a filler that makes it
/// span a few hundred bytes, and the SHA-256 of both. A torn or misplaced payload cannot verify.
/// </summary>
public sealed record CrashEvent(long SequenceNr, string Filler, string Sha256)
{
    public const string Manifest = "crash-writer.event.v1";

    public static EventSerializer Serializer { get; } = new(
        new EventManifestRegistry().Register(Manifest, CrashEventJsonContext.Default.CrashEvent));

    public static CrashEvent For(long sequenceNr)
    {
        // Deterministic, so a verifier can also tell that the filler is the one written for this number.
        var filler = Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes($"filler:{sequenceNr}"))) + new string('x', 128);
        return new CrashEvent(sequenceNr, filler, Hash(sequenceNr, filler));
    }

    /// <summary>
    /// Deserializes <paramref name="entry"/> and checks it is exactly the event written for its sequence number.
    /// </summary>
    /// <exception cref="EventDeserializationException">The payload is not a crash event at all.</exception>
    /// <exception cref="InvalidDataException">The payload is a crash event, but not the right one or not intact.</exception>
    public static void Verify(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var stored = (CrashEvent)Serializer.Deserialize(entry);
        if (stored != For(entry.SequenceNr))
        {
            throw new InvalidDataException(
                $"Entry {entry.SequenceNr} of '{entry.PersistenceId}' holds the payload of {stored.SequenceNr} or a damaged one.");
        }
    }

    private static string Hash(long sequenceNr, string filler) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{sequenceNr}:{filler}")));
}

[JsonSourceGenerationOptions(RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(CrashEvent))]
internal sealed partial class CrashEventJsonContext : JsonSerializerContext;
